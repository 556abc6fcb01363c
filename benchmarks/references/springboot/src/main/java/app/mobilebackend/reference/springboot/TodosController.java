package app.mobilebackend.reference.springboot;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/** GET /todos (listTodos): one page of the caller's to-dos, the same SQL as the functions' TodoRepository.findPage. */
@RestController
public class TodosController {

    private static final String PAGE_SQL = """
        SELECT * FROM todo
        WHERE owner_sub = ? AND id > ? AND (? IS NULL OR done = ?)
        ORDER BY id
        LIMIT ?""";

    private final JdbcTemplate jdbc;

    public TodosController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping(path = "/todos", produces = MediaType.APPLICATION_JSON_VALUE)
    public TodoPage list(@AuthenticationPrincipal Jwt jwt,
                         @RequestParam(defaultValue = "20") int limit,
                         @RequestParam(required = false) String cursor,
                         @RequestParam(required = false) Boolean done) {
        if (limit < 1 || limit > 100) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 100.");
        }
        List<Todo> rows = jdbc.query(PAGE_SQL, (rs, i) -> new Todo(rs.getString("id"), rs.getString("title"),
                rs.getString("notes"), rs.getBoolean("done"), utc(rs.getTimestamp("due_at")),
                utc(rs.getTimestamp("created_at")), utc(rs.getTimestamp("updated_at")), rs.getLong("version")),
            jwt.getSubject(), after(cursor), done, done, limit + 1);
        if (rows.size() <= limit) {
            return new TodoPage(rows, null);
        }
        List<Todo> page = rows.subList(0, limit);
        String last = page.get(limit - 1).id();
        return new TodoPage(page, Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }

    /** As functions-core's Cursor: the last id of the previous page, base64url; "" for the first page. */
    private static String after(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return "";
        }
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!id.isEmpty() && id.length() <= 64) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The cursor is not one this API issued.");
    }

    private static OffsetDateTime utc(Timestamp value) {
        return value == null ? null : value.toInstant().atOffset(ZoneOffset.UTC);
    }

    /** The spec's TodoPage. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TodoPage(List<Todo> items, String nextCursor) {
    }

    /** The spec's Todo. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Todo(String id, String title, String notes, boolean done, OffsetDateTime dueAt,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {
    }
}
