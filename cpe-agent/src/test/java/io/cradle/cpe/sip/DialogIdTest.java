package io.cradle.cpe.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Replaces values and Refer-To URIs of attended transfer (RFC 3891 §6, RFC 3261 §19.1.1). */
class DialogIdTest {

  final DialogId transferorsConsultation = new DialogId("98asjd8@test.com", "a-tag", "c-tag");

  @Test
  void theReplacesNamesTheDialogAsThePeerSeesIt() {
    assertEquals(
        "98asjd8@test.com;to-tag=c-tag;from-tag=a-tag", transferorsConsultation.asReplaces());
    assertEquals(
        new DialogId("98asjd8@test.com", "c-tag", "a-tag"),
        DialogId.fromReplaces(transferorsConsultation.asReplaces()));
  }

  @Test
  void theReferToCarriesItEscapedAndReadsBack() {
    String referTo = transferorsConsultation.referTo("sip:2003@pbx.example.com");
    assertEquals(
        "sip:2003@pbx.example.com?Replaces=98asjd8%40test.com%3Bto-tag%3Dc-tag%3Bfrom-tag%3Da-tag",
        referTo);
    DialogId.ReferTarget target = DialogId.ReferTarget.parse(referTo);
    assertEquals("sip:2003@pbx.example.com", target.uri());
    assertEquals(transferorsConsultation.asReplaces(), target.replaces());
  }

  @Test
  void aBlindReferToHasNoReplaces() {
    DialogId.ReferTarget target = DialogId.ReferTarget.parse("sip:2003@pbx.example.com");
    assertEquals("sip:2003@pbx.example.com", target.uri());
    assertNull(target.replaces());
  }

  @Test
  void malformedReplacesAreRefusedWithWhatIsMissing() {
    IllegalArgumentException noTag =
        assertThrows(IllegalArgumentException.class, () -> DialogId.fromReplaces("abc;to-tag=1"));
    assertTrue(noTag.getMessage().contains("from-tag"), noTag.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> DialogId.fromReplaces(";to-tag=1;from-tag=2"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            DialogId.ReferTarget.parse("sip:2003@pbx?Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D2%4"));
    assertThrows(
        IllegalArgumentException.class,
        () -> DialogId.ReferTarget.parse("sip:2003@pbx?Replaces=abc%ZZ"));
  }
}
