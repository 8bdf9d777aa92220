package org.qinglan.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import java.util.Map;
import org.qinglan.platform.Overload;
import org.qinglan.platform.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into Chinese error pages (or JSON errors under /api) without stack traces;
 * unexpected failures are logged with their request. A busy node or an unreachable database is a
 * 503 with Retry-After ({@link Overload}), logged once per cause, never a 500.
 */
public final class ErrorPages {
  private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);
  /** How long a throttled client is told to wait when its refusal does not say (the throttle's window). */
  private static final int THROTTLED_RETRY_AFTER_SECONDS = 900;
  private final Views views;
  private final Overload overload;

  public ErrorPages(Views views) {
    this(views, new Overload());
  }

  public ErrorPages(Views views, Overload overload) {
    this.views = views;
    this.overload = overload;
  }

  public void handle(RoutingContext ctx) {
    Problem problem = toProblem(ctx);
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (problem.retryAfterSeconds() > 0) {
      ctx.response().putHeader("Retry-After", Integer.toString(problem.retryAfterSeconds()));
    } else if (problem.status() == 429) {
      ctx.response().putHeader("Retry-After", Integer.toString(THROTTLED_RETRY_AFTER_SECONDS));
    }
    if (ctx.normalizedPath().startsWith("/api/")) {
      sendJson(ctx, problem);
      return;
    }
    try {
      views.page(ctx, problem.status(), "web/error.ftlh", titleFor(problem.status()),
          new ErrorPage(problem.status(), problem.getMessage(), problem.details()));
    } catch (RuntimeException e) {
      log.error("Error page failed for {} {}", ctx.request().method(), ctx.request().uri(), e);
      ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end(problem.getMessage());
    }
  }

  /** An error page: the status, the message and its details (each problem of a form, say). */
  public record ErrorPage(int status, String message, List<String> details) {
  }

  public static void sendJson(RoutingContext ctx, Problem problem) {
    JsonObject error = new JsonObject().put("code", problem.code()).put("message", problem.getMessage());
    if (!problem.details().isEmpty()) {
      error.put("details", new JsonArray(problem.details()));
    }
    ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", error).encode());
  }

  private Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof Problem p) {
      return p;
    }
    Problem overloaded = overload.problemFor(failure);
    if (overloaded != null) {
      return overloaded;
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    if (status == 413) {
      return new Problem(413, "too_large", "上传的文件太大。");
    }
    if (status >= 400 && status < 500) {
      return switch (status) {
        case 401 -> new Problem(401, "unauthenticated", "请先登录。");
        case 403 -> Problem.forbidden();
        case 404 -> Problem.notFound();
        case 405 -> new Problem(405, "method_not_allowed", "不支持此请求方式。");
        case 414 -> uriTooLong();
        case 415 -> new Problem(415, "unsupported_media_type", "请求内容类型不受支持。");
        default -> new Problem(status, "bad_request", "请求无效。");
      };
    }
    log.error("Request failed: {} {}", ctx.request().method(), ctx.request().uri(), failure);
    return new Problem(500, "internal", "服务器出现了问题，请稍后再试。我们已记录此错误。");
  }

  /** The answer to a URL longer than the server reads. */
  public static Problem uriTooLong() {
    return new Problem(414, "uri_too_long", "网址太长，无法处理。");
  }

  private static String titleFor(int status) {
    return switch (status) {
      case 401 -> "请先登录";
      case 403 -> "没有权限";
      case 404 -> "页面不存在";
      case 429 -> "请求过于频繁";
      case 503 -> "暂时无法服务";
      case 500 -> "服务器错误";
      default -> "请求无法完成";
    };
  }
}
