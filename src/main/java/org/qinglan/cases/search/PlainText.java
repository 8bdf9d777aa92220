package org.qinglan.cases.search;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * The plain text of a case's Markdown body: what is indexed, stored and shown in snippets. Only
 * the words: no markup, link targets or HTML tags; one line per block.
 */
final class PlainText {
  private static final Parser PARSER = Parser.builder().build();

  private PlainText() {
  }

  static String of(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(markdown.length());
    PARSER.parse(markdown).accept(new AbstractVisitor() {
      @Override
      public void visit(Text text) {
        sb.append(text.getLiteral());
      }

      @Override
      public void visit(Code code) {
        sb.append(code.getLiteral());
      }

      @Override
      public void visit(SoftLineBreak b) {
        sb.append('\n');
      }

      @Override
      public void visit(HardLineBreak b) {
        sb.append('\n');
      }

      @Override
      public void visit(HtmlInline html) {
        // Markup only.
      }

      @Override
      public void visit(HtmlBlock html) {
        sb.append(html.getLiteral().replaceAll("<[^>]*>", " "));
        endBlock();
      }

      @Override
      public void visit(FencedCodeBlock code) {
        sb.append(code.getLiteral());
        endBlock();
      }

      @Override
      public void visit(IndentedCodeBlock code) {
        sb.append(code.getLiteral());
        endBlock();
      }

      @Override
      protected void visitChildren(Node parent) {
        super.visitChildren(parent);
        if (parent instanceof Block) {
          endBlock();
        }
      }

      private void endBlock() {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
          sb.append('\n');
        }
      }
    });
    return sb.toString().strip();
  }
}
