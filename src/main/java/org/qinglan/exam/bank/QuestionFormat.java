package org.qinglan.exam.bank;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The question file formats Qinglan reads, and how to tell them apart. */
public enum QuestionFormat {
  GIFT("gift"), MOODLE_XML("moodle-xml"), AIKEN("aiken");

  private final String cliName;

  QuestionFormat(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public static QuestionFormat fromCliName(String name) {
    for (QuestionFormat f : values()) {
      if (f.cliName.equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + name + "' (use gift, moodle-xml or aiken)");
  }

  /** From the file name: .gift (or .gift.txt), .xml, else .txt as Aiken; null when it cannot tell. */
  public static QuestionFormat fromFileName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gift") || n.endsWith(".gift.txt")) {
      return GIFT;
    }
    if (n.endsWith(".xml")) {
      return MOODLE_XML;
    }
    if (n.endsWith(".txt")) {
      return AIKEN;
    }
    return null;
  }

  /** Parses a file's bytes; a file that is not UTF-8 is one error, not garbage. */
  public ParsedFile parse(String fileName, byte[] content) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      return new ParsedFile(fileName, List.of(), List.of(new ParseError(1, "文件不是 UTF-8 编码，请另存为 UTF-8 后重试")));
    }
    return switch (this) {
      case GIFT -> GiftParser.parse(fileName, text);
      case MOODLE_XML -> MoodleXmlReader.parse(fileName, text);
      case AIKEN -> AikenParser.parse(fileName, text);
    };
  }
}
