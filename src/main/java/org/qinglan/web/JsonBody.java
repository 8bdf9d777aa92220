package org.qinglan.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.qinglan.platform.Problem;

/** Reads a JSON API request body; anything but a JSON object is a 400 with a Chinese message. */
public final class JsonBody {
  private JsonBody() {
  }

  public static JsonObject object(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body() == null ? null : ctx.body().asJsonObject();
      if (body == null) {
        throw Problem.badRequest("请求体应为 JSON 对象。");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw Problem.badRequest("请求体不是有效的 JSON。");
    }
  }
}
