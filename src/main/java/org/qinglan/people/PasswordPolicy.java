package org.qinglan.people;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a password chosen by a person must be: 10 to 128 characters, not a common password (the
 * shipped list, also with digits or symbols stuck before or after), not a repeat, a run or a
 * keyboard walk, and not the person's own username or mobile number. No rules about character
 * classes: length and not being guessable matter, "Aa1!" rules do not (NIST SP 800-63B).
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 128;
  private static final String LIST = "/people/common-passwords.txt";
  private static final PasswordPolicy STANDARD = new PasswordPolicy(load());

  private final Set<String> common;

  PasswordPolicy(Set<String> common) {
    this.common = Set.copyOf(common);
  }

  public static PasswordPolicy standard() {
    return STANDARD;
  }

  /** Entries in the common-password list. */
  public int size() {
    return common.size();
  }

  /**
   * The problems of a new password (Chinese, for the person choosing it); empty when it is fine.
   *
   * @param personal the account's own username, mobile number and the like (nulls ignored)
   */
  public List<String> problems(String password, String... personal) {
    List<String> out = new ArrayList<>();
    if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
      out.add("新密码至少需要 " + MIN_LENGTH + " 个字符");
      return out;
    }
    if (password.length() > MAX_LENGTH) {
      out.add("新密码不能超过 " + MAX_LENGTH + " 个字符");
      return out;
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (isCommon(lower)) {
      out.add("新密码过于常见，很容易被猜到，请换一个");
    } else if (lower.codePoints().distinct().count() < 4 || isRepeatedUnit(lower)) {
      out.add("新密码不能是同一字符或同一小段的重复");
    } else if (isRun(lower)) {
      out.add("新密码不能是连续的数字或字母");
    }
    for (String p : personal) {
      if (p != null && p.strip().length() >= 4 && lower.contains(p.strip().toLowerCase(Locale.ROOT))) {
        out.add("新密码不能包含您的用户名或手机号");
        break;
      }
    }
    return out;
  }

  /** In the list as typed, or once the digits and symbols around a word are taken off ("Password2026!"). */
  private boolean isCommon(String lower) {
    if (common.contains(lower)) {
      return true;
    }
    int start = 0;
    int end = lower.length();
    while (start < end && !Character.isLetter(lower.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetter(lower.charAt(end - 1))) {
      end--;
    }
    String core = lower.substring(start, end);
    return !core.isEmpty() && (common.contains(core) || common.contains(core.replace('@', 'a').replace('0', 'o')
        .replace('$', 's').replace('1', 'i').replace('3', 'e')));
  }

  /** The whole password is one short piece said again and again ("abcabcabc", "1212121212"). */
  private static boolean isRepeatedUnit(String s) {
    for (int unit = 1; unit <= 4 && unit * 2 <= s.length(); unit++) {
      boolean repeats = true;
      for (int i = unit; i < s.length() && repeats; i++) {
        repeats = s.charAt(i) == s.charAt(i - unit);
      }
      if (repeats) {
        return true;
      }
    }
    return false;
  }

  /** Each character one above (or each one below) the one before: "1234567890", "abcdefghij", "9876543210". */
  private static boolean isRun(String s) {
    int up = 0;
    int down = 0;
    for (int i = 1; i < s.length(); i++) {
      char a = s.charAt(i - 1);
      char b = s.charAt(i);
      if (b == a + 1 || (a == '9' && b == '0')) {
        up++;
      }
      if (b == a - 1 || (a == '0' && b == '9')) {
        down++;
      }
    }
    return up == s.length() - 1 || down == s.length() - 1;
  }

  private static Set<String> load() {
    Set<String> out = new HashSet<>();
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + LIST);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
