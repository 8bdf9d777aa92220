package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvExportTest {

  @Test
  void cellsThatASpreadsheetWouldReadAsFormulasBecomeText() {
    for (String formula : List.of("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
      assertEquals("'" + formula, CsvExport.cell(formula));
    }
    assertEquals("林小雨", CsvExport.cell("林小雨"));
    assertEquals("a=b", CsvExport.cell("a=b"), "only the first character counts");
    assertEquals("", CsvExport.cell(null));
    assertEquals("3", CsvExport.cell(3));
  }

  @Test
  void theFileHasABomChineseHeadersAndQuotedCells() {
    String text = CsvExport.text(List.of("姓名", "备注"), List.of(Arrays.asList("=cmd|' /C calc'!A0", null),
        List.of("林\"小雨\"", "第一行\n第二行")));
    assertTrue(text.startsWith("\uFEFF\"姓名\",\"备注\"\r\n"), text);
    assertTrue(text.contains("\"'=cmd|' /C calc'!A0\",\"\"\r\n"), text);
    assertTrue(text.contains("\"林\"\"小雨\"\"\",\"第一行\n第二行\"\r\n"), text);
  }
}
