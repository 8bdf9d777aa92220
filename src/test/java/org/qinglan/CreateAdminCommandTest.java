package org.qinglan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code create-admin} refuses a weak password before it touches any database. */
class CreateAdminCommandTest {

  @Test
  void aWeakPasswordIsRefused() {
    for (String weak : new String[] {"short-1", "password123", "1234567890", "root2-admin-root2"}) {
      PrintStream err = System.err;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      int code;
      try {
        code = new CommandLine(new Qinglan()).execute("create-admin", "--username", "root2-admin", "--password", weak);
      } finally {
        System.setErr(err);
      }
      assertEquals(2, code, weak);
      assertTrue(captured.toString(StandardCharsets.UTF_8).contains("too weak"), captured.toString(StandardCharsets.UTF_8));
    }
  }
}
