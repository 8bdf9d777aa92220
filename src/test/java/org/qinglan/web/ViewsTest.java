package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ViewsTest {

  @Test
  void rendersChineseAsUtf8BytesAndEscapesHtml(Vertx vertx, VertxTestContext test) {
    Views views = new Views(vertx);
    vertx.executeBlocking(() -> views.render("web/error.ftlh", Map.of(
        "title", "没有权限", "status", 403, "message", "社区工作者<script>alert(1)</script>",
        "details", List.of("第 2 行：岗位等级超出范围"), "csrf", "t", "nav", List.of(), "path", "/")))
        .onComplete(test.succeeding(buffer -> test.verify(() -> {
          byte[] expected = "社区工作者".getBytes(StandardCharsets.UTF_8);
          assertTrue(indexOf(buffer, expected) >= 0, "Chinese text is written as UTF-8 whatever the platform charset");
          String html = buffer.toString(StandardCharsets.UTF_8);
          assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "user text is escaped");
          assertTrue(html.contains("<html lang=\"zh-CN\">"));
          assertTrue(html.contains("第 2 行：岗位等级超出范围"));
          assertArrayEquals("没有权限".getBytes(StandardCharsets.UTF_8),
              slice(buffer, indexOf(buffer, "没有权限".getBytes(StandardCharsets.UTF_8)), 12));
          test.completeNow();
        })));
  }

  public record Row(String name, int count, boolean flag, String absent) {
    /** Overloaded (as QuestionView.opening is): stays a method, which a template calls. */
    public String label() {
      return label(name);
    }

    public static String label(String name) {
      return "《" + name + "》";
    }
  }

  public record Model(String top, Row row, List<Row> rows, String nothing) {
  }

  /**
   * A record model's components are the template's variables, and a nested record reads as a map
   * did: {@code row.name} (and {@code row.name()}), a null component missing ({@code !}, {@code ??});
   * an overloaded method without arguments is still called ({@code row.label()}).
   */
  @Test
  void recordsReadAsTheirComponents(Vertx vertx, VertxTestContext test) {
    Views views = new Views(vertx);
    Model model = new Model("页", new Row("甲", 3, true, null), List.of(new Row("乙", 0, false, null),
        new Row("丙", 1, false, "x")), null);
    vertx.executeBlocking(() -> views.render("test/records.ftlh", Views.components(model)))
        .onComplete(test.succeeding(buffer -> test.verify(() -> {
          assertEquals("页|甲|甲|3|flag|none|missing|甲|乙,丙|missing|《甲》", buffer.toString(StandardCharsets.UTF_8).strip());
          test.completeNow();
        })));
  }

  private static int indexOf(Buffer buffer, byte[] needle) {
    byte[] hay = buffer.getBytes();
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] slice(Buffer buffer, int from, int length) {
    return buffer.getBytes(from, from + length);
  }
}
