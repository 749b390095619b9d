package io.cradle.cwmp.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FirmwareImageTest {

  private static final FirmwareVersion V = FirmwareVersion.parse("1.0.7.90");
  private static final byte[] PAYLOAD = payload(100_000);
  private static final String NOTES = "Fixes Wi-Fi roaming – ünïcode ok";
  private static final byte[] IMAGE = FirmwareImage.build("WP820", V, NOTES, PAYLOAD);
  // offsets for model "WP820" (M = 5) and NOTES (N bytes), per the FirmwareImage layout
  private static final int M = 5;
  private static final int N = NOTES.getBytes(StandardCharsets.UTF_8).length;
  private static final int PAYLOAD_LENGTH_AT = 18 + M + N;
  private static final int HEADER = 54 + M + N;

  @Test
  void buildReadHeaderVerifyRoundTrip() {
    FirmwareHeader header = ok(FirmwareImage.readHeader(IMAGE));
    assertEquals("WP820", header.model());
    assertEquals(V, header.version());
    assertEquals(NOTES, header.notes());
    assertEquals(PAYLOAD.length, header.payloadLength());
    assertEquals(HEADER, header.headerLength());
    assertEquals(IMAGE.length - PAYLOAD.length, header.headerLength());
    assertTrue(header.sha256().matches("[0-9a-f]{64}"), header.sha256());

    assertEquals(header, ok(FirmwareImage.check(IMAGE)));
  }

  @Test
  void headerIsReadFromAStreamHoldingOnlyTheHeader() throws IOException {
    InputStream onlyHeader = new ByteArrayInputStream(Arrays.copyOf(IMAGE, HEADER));
    FirmwareHeader header = ok(FirmwareImage.readHeader(onlyHeader));
    assertEquals(V, header.version());
    assertEquals(PAYLOAD.length, header.payloadLength());
  }

  @Test
  void readHeaderLeavesTheStreamAtThePayload() throws IOException {
    InputStream in = new ByteArrayInputStream(IMAGE);
    ok(FirmwareImage.readHeader(in));
    assertArrayEquals(PAYLOAD, in.readAllBytes());
  }

  @Test
  void emptyPayloadAndNoNotesVerify() {
    byte[] image = FirmwareImage.build("WP820", V, new byte[0]);
    assertEquals("", ok(FirmwareImage.check(image)).notes());
  }

  @Test
  void flippedPayloadByteIsCorrupted() {
    byte[] bad = IMAGE.clone();
    bad[HEADER + 12_345] ^= 0x01;
    assertRejected(ImageDefect.CHECKSUM_MISMATCH, 9018, FirmwareImage.check(bad));
  }

  @Test
  void flippedVersionByteIsCorruptedBecauseTheDigestCoversTheHeader() {
    byte[] bad = IMAGE.clone();
    bad[12 + M + 3] ^= 0x01;
    assertEquals(FirmwareVersion.parse("1.0.7.91"), ok(FirmwareImage.readHeader(bad)).version());
    assertRejected(ImageDefect.CHECKSUM_MISMATCH, 9018, FirmwareImage.check(bad));
  }

  @Test
  void truncatedPayloadIsCorrupted() {
    byte[] bad = Arrays.copyOf(IMAGE, IMAGE.length - 1);
    ImageCheck.Rejected<FirmwareHeader> r =
        assertRejected(ImageDefect.TRUNCATED, 9018, FirmwareImage.check(bad));
    assertTrue(r.detail().contains("99999 of the declared 100000"), r.detail());
  }

  @Test
  void truncatedHeaderIsCorrupted() {
    for (int length : new int[] {0, 3, 8, 11, 12 + M, PAYLOAD_LENGTH_AT + 2, HEADER - 1}) {
      byte[] bad = Arrays.copyOf(IMAGE, length);
      assertRejected(ImageDefect.TRUNCATED, 9018, FirmwareImage.readHeader(bad));
      assertRejected(ImageDefect.TRUNCATED, 9018, FirmwareImage.check(bad));
    }
  }

  @Test
  void wrongMagicIsCorruptedEvenWhenShort() {
    byte[] bad = IMAGE.clone();
    bad[0] = 'X';
    assertRejected(ImageDefect.BAD_MAGIC, 9018, FirmwareImage.check(bad));
    byte[] html = "<html>".getBytes(StandardCharsets.US_ASCII);
    assertRejected(ImageDefect.BAD_MAGIC, 9018, FirmwareImage.readHeader(html));
  }

  @Test
  void payloadLongerThanDeclaredIsALengthMismatch() {
    byte[] bad = IMAGE.clone();
    ByteBuffer.wrap(bad).putInt(PAYLOAD_LENGTH_AT, PAYLOAD.length - 1);
    assertRejected(ImageDefect.LENGTH_MISMATCH, 9018, FirmwareImage.check(bad));
    byte[] appended = Arrays.copyOf(IMAGE, IMAGE.length + 1);
    assertRejected(ImageDefect.LENGTH_MISMATCH, 9018, FirmwareImage.check(appended));
  }

  @Test
  void payloadShorterThanDeclaredIsTruncatedWithoutAllocatingTheDeclaredSize() {
    byte[] bad = IMAGE.clone();
    ByteBuffer.wrap(bad).putInt(PAYLOAD_LENGTH_AT, 0xFFFF_FFFF);
    assertEquals(0xFFFF_FFFFL, ok(FirmwareImage.readHeader(bad)).payloadLength());
    assertRejected(ImageDefect.TRUNCATED, 9018, FirmwareImage.check(bad));
  }

  @Test
  void hugeDeclaredModelLengthIsRefusedBeforeReadingIt() throws IOException {
    byte[] header = Arrays.copyOf(IMAGE, 12);
    ByteBuffer.wrap(header).putShort(10, (short) 0xFFFF);
    CountingStream in = new CountingStream(header);
    assertRejected(ImageDefect.BAD_HEADER, 9018, FirmwareImage.readHeader(in));
    assertEquals(12, in.consumed, "read past the length field");
  }

  @Test
  void zeroModelLengthAndHugeNotesLengthAreBadHeaders() {
    byte[] noModel = IMAGE.clone();
    ByteBuffer.wrap(noModel).putShort(10, (short) 0);
    assertRejected(ImageDefect.BAD_HEADER, 9018, FirmwareImage.readHeader(noModel));
    byte[] hugeNotes = IMAGE.clone();
    ByteBuffer.wrap(hugeNotes).putShort(16 + M, (short) 0xFFFF);
    assertRejected(ImageDefect.BAD_HEADER, 9018, FirmwareImage.readHeader(hugeNotes));
  }

  @Test
  void malformedUtf8OrControlCharacterInModelIsABadHeader() {
    byte[] malformed = IMAGE.clone();
    malformed[12] = (byte) 0xC3; // a lead byte followed by 'P', not a continuation byte
    assertRejected(ImageDefect.BAD_HEADER, 9018, FirmwareImage.readHeader(malformed));
    byte[] control = IMAGE.clone();
    control[12] = 0x07;
    assertRejected(ImageDefect.BAD_HEADER, 9018, FirmwareImage.readHeader(control));
  }

  @Test
  void unknownFormatVersionIsADownloadFailureNotCorruption() {
    byte[] newer = IMAGE.clone();
    ByteBuffer.wrap(newer).putShort(8, (short) 2);
    assertRejected(ImageDefect.UNSUPPORTED_FORMAT, 9010, FirmwareImage.check(newer));
  }

  @Test
  void intactImageForAnotherModelPassesTheFormatCheckWithItsModel() {
    byte[] other = FirmwareImage.build("WP810", V, PAYLOAD);
    assertEquals("WP810", ok(FirmwareImage.check(other)).model());
  }

  @Test
  void buildRefusesFieldsTheReaderWouldRefuse() {
    assertThrows(IllegalArgumentException.class, () -> FirmwareImage.build(" ", V, PAYLOAD));
    assertThrows(IllegalArgumentException.class, () -> FirmwareImage.build("WP\n820", V, PAYLOAD));
    assertThrows(
        IllegalArgumentException.class, () -> FirmwareImage.build("W".repeat(33), V, PAYLOAD));
    assertThrows(
        IllegalArgumentException.class,
        () -> FirmwareImage.build("WP820", V, "n".repeat(4097), PAYLOAD));
  }

  private static <T> T ok(ImageCheck<T> check) {
    ImageCheck.Ok<T> ok = assertInstanceOf(ImageCheck.Ok.class, check, check.toString());
    return ok.value();
  }

  private static <T> ImageCheck.Rejected<T> assertRejected(
      ImageDefect defect, int faultCode, ImageCheck<T> check) {
    ImageCheck.Rejected<T> r = assertInstanceOf(ImageCheck.Rejected.class, check);
    assertEquals(defect, r.defect(), r.detail());
    assertEquals(faultCode, r.fault().code());
    return r;
  }

  private static byte[] payload(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  /** Counts bytes handed out, to show the reader stops at a bad length field. */
  private static final class CountingStream extends ByteArrayInputStream {
    private int consumed;

    CountingStream(byte[] prefix) {
      super(infiniteAfter(prefix));
    }

    private static byte[] infiniteAfter(byte[] prefix) {
      // 70 000 'A's stand in for "endless": more than any 16-bit length could ask for
      byte[] bytes = Arrays.copyOf(prefix, prefix.length + 70_000);
      Arrays.fill(bytes, prefix.length, bytes.length, (byte) 'A');
      return bytes;
    }

    @Override
    public synchronized int read() {
      int b = super.read();
      consumed += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      consumed += Math.max(n, 0);
      return n;
    }
  }
}
