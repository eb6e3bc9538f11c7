package dev.cqrsorders.api;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A row of one of the read model's {@code *_documents} views (migration V3): the row's key and the JSON the API answers
 * with, rendered by PostgreSQL. The API sends it as it is: no mapping, no serialization.
 */
@MappedEntity
public record Document(@Id long id, String json) {
}
