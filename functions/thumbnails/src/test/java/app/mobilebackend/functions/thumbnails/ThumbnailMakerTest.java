package app.mobilebackend.functions.thumbnails;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The EXIF orientations, pixel by pixel, against the table of the EXIF specification (CIPA DC-008, Orientation). */
class ThumbnailMakerTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void turnsEveryStoredPixelWhereItsOrientationShowsIt(int orientation) {
        int w = 3;
        int h = 2;
        BufferedImage stored = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                stored.setRGB(x, y, new Color(40 + 60 * x, 40 + 100 * y, 0).getRGB());
            }
        }

        BufferedImage upright = ThumbnailMaker.upright(stored, orientation);

        boolean swapped = orientation >= 5;
        assertEquals(swapped ? h : w, upright.getWidth());
        assertEquals(swapped ? w : h, upright.getHeight());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] shown = switch (orientation) {
                    case 2 -> new int[] {w - 1 - x, y};
                    case 3 -> new int[] {w - 1 - x, h - 1 - y};
                    case 4 -> new int[] {x, h - 1 - y};
                    case 5 -> new int[] {y, x};
                    case 6 -> new int[] {h - 1 - y, x};
                    case 7 -> new int[] {h - 1 - y, w - 1 - x};
                    case 8 -> new int[] {y, w - 1 - x};
                    default -> new int[] {x, y};
                };
                assertEquals(stored.getRGB(x, y), upright.getRGB(shown[0], shown[1]),
                    "orientation " + orientation + ": stored pixel " + x + "," + y);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6, 8})
    void readsTheOrientationFromTheJpegsExifBlock(int orientation) {
        byte[] jpeg = TestImages.withExifOrientation(TestImages.encode(TestImages.halves(8, 8, Color.RED, Color.BLUE), "jpeg"), orientation);

        assertEquals(orientation, ThumbnailMaker.exifOrientation(jpeg));
    }
}
