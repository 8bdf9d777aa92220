package org.qinglan.exam.bank;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes questions as Moodle XML, with categories, ids ({@code <idnumber>}) and tags. */
public final class MoodleXmlWriter {

  private MoodleXmlWriter() {
  }

  public static String write(List<Question> questions, List<CategoryInfo> categoryInfo) {
    try {
      StringWriter sw = new StringWriter();
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(sw);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("quiz");
      w.writeCharacters("\n");
      List<String> category = null;
      for (Question q : questions) {
        if (!q.category().equals(category)) {
          category = q.category();
          if (!category.isEmpty()) {
            writeCategory(w, category, categoryInfo);
          }
        }
        writeQuestion(w, q);
      }
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndDocument();
      w.close();
      return sw.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Cannot write Moodle XML", e);
    }
  }

  private static void writeCategory(XMLStreamWriter w, List<String> path, List<CategoryInfo> infos)
      throws XMLStreamException {
    w.writeStartElement("question");
    w.writeAttribute("type", "category");
    w.writeStartElement("category");
    textElement(w, CategoryPathText.write(path));
    w.writeEndElement();
    for (CategoryInfo info : infos) {
      if (info.path().equals(path)) {
        formatted(w, "info", info.description());
        if (info.idNumber() != null) {
          simple(w, "idnumber", info.idNumber());
        }
      }
    }
    w.writeEndElement();
    w.writeCharacters("\n");
  }

  private static void writeQuestion(XMLStreamWriter w, Question q) throws XMLStreamException {
    w.writeStartElement("question");
    w.writeAttribute("type", switch (q.type()) {
      case SINGLE_CHOICE, MULTIPLE_CHOICE -> "multichoice";
      case TRUE_FALSE -> "truefalse";
      case SHORT_ANSWER -> "shortanswer";
      case NUMERICAL -> "numerical";
      case MATCHING -> "matching";
      case ESSAY, CASE_ANALYSIS -> "essay";
      case DESCRIPTION -> "description";
    });
    w.writeStartElement("name");
    textElement(w, q.name());
    w.writeEndElement();
    formatted(w, "questiontext", q.stem());
    formatted(w, "generalfeedback", q.generalFeedback());
    simple(w, "defaultgrade", q.type() == QuestionType.CASE_ANALYSIS
        ? GiftParser.trimNumber(q.rubric().stream().mapToDouble(RubricPoint::marks).sum()) : "1");
    simple(w, "hidden", "0");
    simple(w, "idnumber", q.id() == null ? "" : q.id());
    switch (q.type()) {
      case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
        simple(w, "single", q.type() == QuestionType.SINGLE_CHOICE ? "true" : "false");
        simple(w, "shuffleanswers", "true");
        simple(w, "answernumbering", "ABCD");
        answers(w, q, false);
      }
      case TRUE_FALSE, SHORT_ANSWER -> answers(w, q, false);
      case NUMERICAL -> answers(w, q, true);
      case MATCHING -> {
        simple(w, "shuffleanswers", "true");
        for (MatchPair p : q.pairs()) {
          w.writeStartElement("subquestion");
          w.writeAttribute("format", p.prompt().format().xmlName());
          textElement(w, p.prompt().text());
          w.writeStartElement("answer");
          textElement(w, p.answer());
          w.writeEndElement();
          w.writeEndElement();
        }
      }
      case ESSAY, CASE_ANALYSIS -> {
        simple(w, "responseformat", "editor");
        simple(w, "responserequired", "1");
        simple(w, "responsefieldlines", "15");
      }
      default -> {
        // description: nothing more
      }
    }
    // Moodle has no field for the law-currency month: it travels as a tag "asof:YYYY-MM".
    List<String> tags = new ArrayList<>(q.tags());
    if (q.asOf() != null) {
      tags.add(MoodleXmlReader.AS_OF_TAG + q.asOf());
    }
    if (!tags.isEmpty()) {
      w.writeStartElement("tags");
      for (String tag : tags) {
        w.writeStartElement("tag");
        textElement(w, tag);
        w.writeEndElement();
      }
      w.writeEndElement();
    }
    w.writeEndElement();
    w.writeCharacters("\n");
  }

  private static void answers(XMLStreamWriter w, Question q, boolean numerical) throws XMLStreamException {
    for (Answer a : q.answers()) {
      w.writeStartElement("answer");
      w.writeAttribute("fraction", fraction(a.fraction()));
      w.writeAttribute("format", a.text().format().xmlName());
      textElement(w, a.text().text());
      formatted(w, "feedback", a.feedback());
      if (numerical && a.tolerance() != null) {
        simple(w, "tolerance", GiftParser.trimNumber(a.tolerance()));
      }
      w.writeEndElement();
    }
  }

  /** Moodle writes fractions as percentages with up to 7 decimals. */
  static String fraction(double f) {
    return QuestionRules.percent(f);
  }

  private static void formatted(XMLStreamWriter w, String element, FormattedText t) throws XMLStreamException {
    w.writeStartElement(element);
    w.writeAttribute("format", t.format().xmlName());
    textElement(w, t.text());
    w.writeEndElement();
  }

  private static void textElement(XMLStreamWriter w, String text) throws XMLStreamException {
    w.writeStartElement("text");
    w.writeCharacters(text == null ? "" : text);
    w.writeEndElement();
  }

  private static void simple(XMLStreamWriter w, String element, String value) throws XMLStreamException {
    w.writeStartElement(element);
    w.writeCharacters(value);
    w.writeEndElement();
  }
}
