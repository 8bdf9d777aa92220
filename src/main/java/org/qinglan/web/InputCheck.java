package org.qinglan.web;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qinglan.platform.Problem;

/**
 * Refuses, before any feature sees it, text that no feature can store: a NUL character
 * (PostgreSQL rejects it in text) in the path, a query or form parameter, a JSON body's strings
 * or an uploaded file's name or the content of an uploaded text file (CSV, GIFT, XML …). Also
 * refuses a query string that cannot be decoded.
 */
public final class InputCheck {
  private static final String MESSAGE = "提交的内容含有空字符（NUL）等不可见的控制字符，请删除后重试。";

  private InputCheck() {
  }

  /** Uploads that are text by their name or declared type; none of them may hold a NUL. */
  private static final List<String> TEXT_EXTENSIONS = List.of(".csv", ".txt", ".gift", ".xml", ".md", ".markdown",
      ".yaml", ".yml", ".json");

  public static void handle(RoutingContext ctx) {
    if (hasNul(ctx)) {
      ctx.fail(Problem.badRequest(MESSAGE));
      return;
    }
    List<FileUpload> textFiles = ctx.fileUploads().stream().filter(InputCheck::isText).toList();
    if (textFiles.isEmpty()) {
      ctx.next();
      return;
    }
    // Reading the files is blocking work.
    ctx.vertx().executeBlocking(() -> textFiles.stream().filter(f -> fileHasNul(f.uploadedFileName()))
            .map(FileUpload::fileName).findFirst().orElse(null), false)
        .onSuccess(bad -> {
          if (bad == null) {
            ctx.next();
          } else {
            ctx.fail(Problem.badRequest(bad + " 含有空字符（NUL），不是文本文件，请检查文件后重新上传。"));
          }
        })
        .onFailure(ctx::fail);
  }

  private static boolean isText(FileUpload f) {
    String name = f.fileName() == null ? "" : f.fileName().toLowerCase(Locale.ROOT);
    String type = f.contentType() == null ? "" : f.contentType().toLowerCase(Locale.ROOT);
    return type.startsWith("text/") || TEXT_EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  private static boolean fileHasNul(String path) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(path)))) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == 0) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasNul(RoutingContext ctx) {
    if (nul(ctx.normalizedPath())) {
      return true;
    }
    try {
      for (Map.Entry<String, String> e : ctx.queryParams()) {
        if (nul(e.getKey()) || nul(e.getValue())) {
          return true;
        }
      }
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("网址中的参数无法解码。");
    }
    for (Map.Entry<String, String> e : ctx.request().formAttributes()) {
      if (nul(e.getKey()) || nul(e.getValue())) {
        return true;
      }
    }
    for (FileUpload f : ctx.fileUploads()) {
      if (nul(f.fileName()) || nul(f.name())) {
        return true;
      }
    }
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json") && ctx.body() != null
        && ctx.body().buffer() != null) {
      String text = ctx.body().asString();
      // Only a body that could hold a NUL is decoded twice; an undecodable one is JsonBody's to refuse.
      if (text != null && (text.indexOf('\0') >= 0 || text.contains("\\u0000"))) {
        try {
          return nulIn(Json.decodeValue(text));
        } catch (RuntimeException e) {
          return text.indexOf('\0') >= 0;
        }
      }
    }
    return false;
  }

  private static boolean nulIn(Object json) {
    if (json instanceof String s) {
      return nul(s);
    }
    if (json instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        if (nul(e.getKey()) || nulIn(e.getValue())) {
          return true;
        }
      }
    }
    if (json instanceof JsonArray a) {
      for (Object v : a) {
        if (nulIn(v)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean nul(String s) {
    return s != null && s.indexOf('\0') >= 0;
  }
}
