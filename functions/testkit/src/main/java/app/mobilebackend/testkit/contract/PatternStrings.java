package app.mobilebackend.testkit.contract;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strings matching a {@code pattern} of the spec, for the patterns a contract uses: an anchored sequence of literals
 * and character classes ({@code [A-Za-z0-9!#$&^_.+-]}) with quantifiers ({@code {m,n}}, {@code {m}}, {@code ?},
 * {@code *}, {@code +}). Anything richer yields no arbitrary, and the caller falls back to the spec's examples.
 */
final class PatternStrings {

    private PatternStrings() {
    }

    static Optional<Arbitrary<String>> matching(String pattern) {
        try {
            return Optional.of(parse(pattern));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Arbitrary<String> parse(String pattern) {
        String p = pattern;
        if (p.startsWith("^")) {
            p = p.substring(1);
        }
        if (p.endsWith("$") && !p.endsWith("\\$")) {
            p = p.substring(0, p.length() - 1);
        }
        List<Arbitrary<String>> parts = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            List<Character> chars = new ArrayList<>();
            char c = p.charAt(i);
            if (c == '[') {
                int end = i + 1;
                if (end < p.length() && p.charAt(end) == '^') {
                    throw new IllegalArgumentException("negated class");
                }
                List<Character> members = new ArrayList<>();
                while (end < p.length() && p.charAt(end) != ']') {
                    char m = p.charAt(end);
                    if (m == '\\') {
                        end++;
                        m = p.charAt(end);
                        if (Character.isLetter(m)) {
                            throw new IllegalArgumentException("class escape \\" + m);
                        }
                    }
                    if (end + 2 < p.length() && p.charAt(end + 1) == '-' && p.charAt(end + 2) != ']') {
                        for (char r = m; r <= p.charAt(end + 2); r++) {
                            members.add(r);
                        }
                        end += 3;
                    } else {
                        members.add(m);
                        end++;
                    }
                }
                if (end >= p.length()) {
                    throw new IllegalArgumentException("unclosed class");
                }
                chars.addAll(members);
                i = end + 1;
            } else if (c == '\\') {
                char escaped = p.charAt(i + 1);
                if (Character.isLetterOrDigit(escaped)) {
                    throw new IllegalArgumentException("escape \\" + escaped);
                }
                chars.add(escaped);
                i += 2;
            } else if ("()|.*+?{}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("unsupported " + c);
            } else {
                chars.add(c);
                i++;
            }
            int min = 1;
            int max = 1;
            if (i < p.length()) {
                char q = p.charAt(i);
                if (q == '{') {
                    int close = p.indexOf('}', i);
                    String[] bounds = p.substring(i + 1, close).split(",", -1);
                    min = Integer.parseInt(bounds[0].trim());
                    max = bounds.length == 1 ? min : bounds[1].isBlank() ? min + 16 : Integer.parseInt(bounds[1].trim());
                    i = close + 1;
                } else if (q == '?') {
                    min = 0;
                    i++;
                } else if (q == '*') {
                    min = 0;
                    max = 16;
                    i++;
                } else if (q == '+') {
                    max = 16;
                    i++;
                }
            }
            Arbitrary<Character> one = Arbitraries.of(chars);
            int shortMax = Math.min(max, min + 12);
            Arbitrary<Integer> count = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(min, shortMax)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(max)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(min)));
            parts.add(count.flatMap(n -> one.list().ofSize(n))
                .map(list -> list.stream().map(String::valueOf).reduce("", String::concat)));
        }
        return Combinators.combine(parts).as(list -> String.join("", list));
    }
}
