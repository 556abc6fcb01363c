package app.mobilebackend.functions.thumbnails;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import jakarta.inject.Singleton;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Makes a JPEG thumbnail of an image's bytes, at most {@link #LONG_SIDE} pixels on its long side and upright as its
 * EXIF orientation says. Bounded by construction: the dimensions come from the image's header before anything is
 * decoded, an image of more than {@link #MAX_PIXELS} pixels is refused, and the rest are decoded subsampled (every
 * n-th pixel of every n-th row), so no image costs more than a few times the thumbnail's memory. Anything that is not
 * an image of a supported format, or that does not decode, is a {@link Skipped} with the reason, never an exception.
 */
@Singleton
public final class ThumbnailMaker {

    /** The long side of a thumbnail, in pixels. */
    public static final int LONG_SIDE = 256;
    /** The largest image made into a thumbnail: 50 megapixels (a 8,660 × 5,773 photo); a pixel bomb is far above. */
    public static final long MAX_PIXELS = 50_000_000L;
    /** Formats read: those of photos and screenshots; other ImageIO readers on the class path are not trusted here. */
    private static final Set<String> FORMATS = Set.of("jpeg", "png", "gif", "bmp");
    private static final float QUALITY = 0.85f;

    /** What became of one image. */
    public sealed interface Result permits Thumbnail, Skipped {
    }

    /** A thumbnail: JPEG bytes and their dimensions. */
    public record Thumbnail(byte[] jpeg, int width, int height) implements Result {
    }

    /** No thumbnail, and why (for the log). */
    public record Skipped(String reason) implements Result {
    }

    public Result make(byte[] bytes) {
        try (ImageInputStream input = inMemory(bytes)) {
            ImageReader reader = readerOf(input);
            if (reader == null) {
                return new Skipped("not an image in a supported format (" + String.join(", ", FORMATS.stream().sorted().toList()) + ")");
            }
            try {
                reader.setInput(input, true, true);
                // The header only: no pixel is decoded yet.
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    return new Skipped("no dimensions in the image's header");
                }
                if (width * height > MAX_PIXELS) {
                    return new Skipped("too many pixels: " + width + " x " + height + " (at most " + MAX_PIXELS + ")");
                }
                BufferedImage decoded = reader.read(0, subsampled(width, height, reader.getDefaultReadParam()));
                int orientation = "jpeg".equals(reader.getFormatName().toLowerCase()) ? exifOrientation(bytes) : 1;
                BufferedImage thumbnail = scaled(upright(decoded, orientation));
                return new Thumbnail(jpeg(thumbnail), thumbnail.getWidth(), thumbnail.getHeight());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // A corrupt or truncated file: the readers say so with IIOException, and some with runtime exceptions.
            return new Skipped("unreadable image: " + e);
        }
    }

    /** Over the bytes in memory: ImageIO's own factory would cache the stream in a temporary file. */
    private static ImageInputStream inMemory(byte[] bytes) {
        return new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
    }

    private static ImageReader readerOf(ImageInputStream input) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (FORMATS.contains(reader.getFormatName().toLowerCase())) {
                return reader;
            }
        }
        return null;
    }

    /** Every n-th pixel, n chosen so that the decoded image's long side is still at least twice the thumbnail's. */
    private static ImageReadParam subsampled(long width, long height, ImageReadParam param) {
        int step = (int) Math.max(1, Math.max(width, height) / (2L * LONG_SIDE));
        param.setSourceSubsampling(step, step, 0, 0);
        return param;
    }

    /** The EXIF orientation (1 to 8) of a JPEG, 1 (as stored) when it has none or it cannot be read. */
    static int exifOrientation(byte[] jpeg) {
        try (ImageInputStream input = inMemory(jpeg)) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(input, JPEG.APP1, "Exif");
            if (segments.isEmpty()) {
                return 1;
            }
            byte[] exif = segments.get(0).data().readAllBytes();
            // "Exif\0" is the identifier; a second NUL (the pad byte) comes before the TIFF header.
            int start = 0;
            while (start < exif.length && exif[start] == 0) {
                start++;
            }
            try (ImageInputStream tiff = inMemory(Arrays.copyOfRange(exif, start, exif.length))) {
                Directory directory = new TIFFReader().read(tiff);
                Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
                if (entry != null && entry.getValue() instanceof Number value && value.intValue() >= 1 && value.intValue() <= 8) {
                    return value.intValue();
                }
            }
        } catch (IOException | RuntimeException e) {
            // A damaged EXIF block does not spoil the image: show it as stored.
        }
        return 1;
    }

    /** The image turned upright: EXIF orientations 2 to 8 are mirrorings and quarter turns of the stored pixels. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = new AffineTransform();
        boolean swap = orientation >= 5;
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }                      // mirrored
            case 3 -> { t.translate(w, h); t.quadrantRotate(2); }                 // upside down
            case 4 -> { t.translate(0, h); t.scale(1, -1); }                      // flipped top to bottom
            case 5 -> { t.quadrantRotate(1); t.scale(1, -1); }                    // transposed
            case 6 -> { t.translate(h, 0); t.quadrantRotate(1); }                 // turned a quarter clockwise
            case 7 -> { t.translate(h, w); t.quadrantRotate(1); t.scale(-1, 1); } // transversed
            case 8 -> { t.translate(0, w); t.quadrantRotate(3); }                 // turned a quarter counter-clockwise
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** At most {@link #LONG_SIDE} on the long side (never enlarged), RGB on white (JPEG has no transparency). */
    private static BufferedImage scaled(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double factor = Math.min(1.0, (double) LONG_SIDE / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * factor));
        int th = Math.max(1, (int) Math.round(h * factor));
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, tw, th);
            g.drawImage(image, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
