package org.qinglan.cases.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One case as the search index sees it. {@code body} is the case's Markdown; the index keeps its
 * plain text. {@code region} is the org-unit path, levels separated by {@code /}
 * (江东省/云溪市/东湖区/望江街道). Null strings and lists are read as empty, a null
 * {@code updatedAt} as the epoch.
 */
public record CaseDocument(String id, String title, String summary, String body, List<String> topics,
    List<String> methods, String communityType, String region, int year, List<String> tags, Instant updatedAt) {

  public CaseDocument {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("A case needs an id");
    }
    title = title == null ? "" : title;
    summary = summary == null ? "" : summary;
    body = body == null ? "" : body;
    topics = topics == null ? List.of() : List.copyOf(topics);
    methods = methods == null ? List.of() : List.copyOf(methods);
    communityType = communityType == null ? "" : communityType;
    region = region == null ? "" : region;
    tags = tags == null ? List.of() : List.copyOf(tags);
    updatedAt = updatedAt == null ? Instant.EPOCH : updatedAt;
  }
}
