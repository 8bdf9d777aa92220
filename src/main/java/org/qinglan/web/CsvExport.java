package org.qinglan.web;

import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The one CSV writer of every export: UTF-8 with a byte-order mark (so that Excel reads the
 * Chinese), Chinese headers, and OWASP's rule against formula injection: a cell that starts
 * with {@code = + - @}, a tab or a carriage return gets a leading {@code '} so that a
 * spreadsheet shows it as text, and every cell is quoted.
 */
public final class CsvExport {
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL).get();

  private CsvExport() {
  }

  /** The whole file: BOM, header row, then the rows (null cells are empty). */
  public static String text(List<String> header, List<? extends List<?>> rows) {
    StringWriter out = new StringWriter();
    out.write('\uFEFF');
    try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
      csv.printRecord(header.stream().map(CsvExport::cell).toList());
      for (List<?> row : rows) {
        csv.printRecord(row.stream().map(CsvExport::cell).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /** One cell's text, neutralised if a spreadsheet would read it as a formula. */
  public static String cell(Object value) {
    String s = value == null ? "" : value.toString();
    return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
  }

  /** Sends {@code text} as a download named {@code fileName} (ASCII) and {@code chineseName}. */
  public static void send(RoutingContext ctx, String fileName, String chineseName, String text) {
    ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"; filename*=UTF-8''"
            + URLEncoder.encode(chineseName, StandardCharsets.UTF_8).replace("+", "%20"))
        .end(text);
  }
}
