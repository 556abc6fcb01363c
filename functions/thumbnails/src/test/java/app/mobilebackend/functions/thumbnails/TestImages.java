package app.mobilebackend.functions.thumbnails;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Images for the tests, made here: real PNG and JPEG files from ImageIO, and the hostile ones byte by byte. */
final class TestImages {

    private TestImages() {
    }

    /** {@code width} x {@code height}, the top half {@code top}, the bottom half {@code bottom}. */
    static BufferedImage halves(int width, int height, Color top, Color bottom) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(top);
        g.fillRect(0, 0, width, height / 2);
        g.setColor(bottom);
        g.fillRect(0, height / 2, width, height - height / 2);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * {@code jpeg} with an EXIF block (APP1) saying {@code orientation}, put right after its JFIF APP0 segment, as a
     * camera writes it: a TIFF header (big-endian) and one IFD holding the Orientation tag (0x0112, SHORT).
     */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] identifier = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + identifier.length + tiff.capacity();
        ByteBuffer app1 = ByteBuffer.allocate(2 + length);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(identifier).put(tiff.array());
        // SOI (2 bytes), then APP0: FF E0 and its length (which counts itself).
        int app0End = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        if ((jpeg[2] & 0xFF) != 0xFF || (jpeg[3] & 0xFF) != 0xE0) {
            throw new IllegalStateException("expected a JFIF APP0 segment after SOI");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        out.writeBytes(app1.array());
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    /**
     * A PNG whose header claims {@code width} x {@code height} (a pixel bomb at 50,000 x 50,000: 10 GB decoded) while
     * the file is a few hundred bytes: its compressed data are a few all-zero rows.
     */
    static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13);
        header.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[4 * (1 + 3 * Math.min(width, 1000))]);
        deflater.finish();
        byte[] compressed = new byte[65536];
        int size = deflater.deflate(compressed);
        deflater.end();
        chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, size));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A real JPEG whose frame header (SOF0) is rewritten to claim {@code width} x {@code height}. */
    static byte[] jpegClaiming(int width, int height) {
        byte[] jpeg = encode(halves(16, 16, Color.RED, Color.BLUE), "jpeg");
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                // FF C0, length (2), precision (1), height (2), width (2)
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 segment");
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
