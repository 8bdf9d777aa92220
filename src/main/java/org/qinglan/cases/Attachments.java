package org.qinglan.cases;

import java.util.Locale;

/** Which attachments a case may carry, recognised by their first bytes (a renamed file is refused). */
public final class Attachments {
  private Attachments() {
  }

  /** The content type of an accepted file, or null when the bytes are not what the name says. */
  public static String contentType(String fileName, byte[] data) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".pdf") && starts(data, '%', 'P', 'D', 'F')) {
      return "application/pdf";
    }
    if (name.endsWith(".docx") && starts(data, 'P', 'K', 3, 4)) {
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    }
    if (name.endsWith(".png") && starts(data, 0x89, 'P', 'N', 'G')) {
      return "image/png";
    }
    if ((name.endsWith(".jpg") || name.endsWith(".jpeg")) && starts(data, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    return null;
  }

  /** The file name without any path, limited in length. */
  public static String safeName(String fileName) {
    String n = fileName == null ? "附件" : fileName.replace('\\', '/');
    n = n.substring(n.lastIndexOf('/') + 1).strip();
    if (n.isEmpty()) {
      n = "附件";
    }
    return n.length() > 120 ? n.substring(n.length() - 120) : n;
  }

  private static boolean starts(byte[] data, int... magic) {
    if (data.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((data[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
