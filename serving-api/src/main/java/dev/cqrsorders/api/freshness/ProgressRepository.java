package dev.cqrsorders.api.freshness;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/**
 * Read-only access to what the job recorded of its progress: one row per source and part, over all writers. A source
 * named {@code <database>.*} is the job's watermark: each writer's time up to which it applied every change of that
 * database; what the read model as a whole has applied is the oldest of them.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProgressRepository extends GenericRepository<SourceProgress, String> {
    @Query(value = """
            SELECT source, part, max(position) AS position,
                   (array_agg((extract(epoch FROM source_time) * 1000)::bigint ORDER BY position DESC))[1]
                       AS source_time_ms,
                   (extract(epoch FROM max(applied_at)) * 1000)::bigint AS applied_at_ms
            FROM read_model_progress WHERE source NOT LIKE '%.*' GROUP BY source, part ORDER BY source, part""",
            readOnly = true)
    List<SourceProgress> positions();

    @Query(value = """
            SELECT source, 0 AS part, min(position) AS position,
                   (extract(epoch FROM min(source_time)) * 1000)::bigint AS source_time_ms,
                   (extract(epoch FROM max(applied_at)) * 1000)::bigint AS applied_at_ms
            FROM read_model_progress WHERE source LIKE '%.*' GROUP BY source ORDER BY source""", readOnly = true)
    List<SourceProgress> watermarks();
}
