package io.cradle.acs.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void quotedFieldsKeepCommasQuotesAndNewlinesAndRowsKnowTheirLine() throws Exception {
    List<Csv.Row> rows =
        Csv.parse(
            "\uFEFFmac,name\r\n000B82000001,\"Desk, \"\"north\"\"\"\n\n000B82000002,\"two\nlines\"\n000B82000003,");

    assertEquals(4, rows.size());
    assertEquals(List.of("mac", "name"), rows.get(0).fields());
    assertEquals(List.of("000B82000001", "Desk, \"north\""), rows.get(1).fields());
    assertEquals(2, rows.get(1).line());
    assertEquals(List.of("000B82000002", "two\nlines"), rows.get(2).fields());
    assertEquals(4, rows.get(2).line());
    assertEquals(List.of("000B82000003", ""), rows.get(3).fields());
    assertEquals(6, rows.get(3).line());
  }

  @Test
  void anUnclosedQuoteIsReportedWithItsLine() {
    Csv.CsvException e =
        assertThrows(
            Csv.CsvException.class, () -> Csv.parse("mac,name\n1,ok\n2,\"never closed\n3,x\n"));
    assertEquals(3, e.line);
  }

  @Test
  void whatIsWrittenReadsBack() throws Exception {
    StringBuilder out = new StringBuilder();
    List<String> fields = List.of("a,b", "say \"hi\"", "two\nlines", "", "plain");
    Csv.append(out, fields);
    assertEquals(fields, Csv.parse(out.toString()).get(0).fields());
  }
}
