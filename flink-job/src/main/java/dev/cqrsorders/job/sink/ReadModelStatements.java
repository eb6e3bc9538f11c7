package dev.cqrsorders.job.sink;

import dev.cqrsorders.job.events.StatusKeys;
import dev.cqrsorders.job.shop.ShopRow;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The set-based PostgreSQL statements the job writes the read model with: each takes whole columns as arrays
 * ({@code unnest}), so a batch of any size is one round trip per statement. Upserts apply only when the row's version
 * is not older than the stored one and no newer tombstone exists; deletes leave a tombstone; status writes apply only
 * when the status key is greater.
 */
final class ReadModelStatements {
    private static final String NOT_DELETED_LATER = """
            WHERE NOT EXISTS (SELECT 1 FROM read_model_tombstones d
                              WHERE d.table_name = '%s' AND d.id = u.%s AND d.version >= u.row_version)
            """;

    static final String UPSERT_USERS = """
            INSERT INTO users AS t (user_id, name, email, phone, created_at, updated_at, row_version)
            SELECT u.user_id, u.name, u.email, u.phone, epoch_ms_to_timestamp(u.created_at),
                   epoch_ms_to_timestamp(u.updated_at), u.row_version
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
                 AS u(user_id, name, email, phone, created_at, updated_at, row_version)
            """ + NOT_DELETED_LATER.formatted("users", "user_id") + """
            ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, phone = EXCLUDED.phone,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, row_version = EXCLUDED.row_version
            WHERE t.row_version <= EXCLUDED.row_version
            """;

    static final String UPSERT_ADDRESSES = """
            INSERT INTO addresses AS t (address_id, user_id, street, city, state, postal_code, country, created_at,
                                        row_version)
            SELECT u.address_id, u.user_id, u.street, u.city, u.state, u.postal_code, u.country,
                   epoch_ms_to_timestamp(u.created_at), u.row_version
            FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[],
                        ?::bigint[])
                 AS u(address_id, user_id, street, city, state, postal_code, country, created_at, row_version)
            """ + NOT_DELETED_LATER.formatted("addresses", "address_id") + """
            ON CONFLICT (address_id) DO UPDATE SET user_id = EXCLUDED.user_id, street = EXCLUDED.street,
                city = EXCLUDED.city, state = EXCLUDED.state, postal_code = EXCLUDED.postal_code,
                country = EXCLUDED.country, created_at = EXCLUDED.created_at, row_version = EXCLUDED.row_version
            WHERE t.row_version <= EXCLUDED.row_version
            """;

    static final String UPSERT_ORDERS = """
            INSERT INTO orders AS t (order_id, user_id, address_id, total, status, order_date, updated_at, row_version)
            SELECT u.order_id, u.user_id, u.address_id, u.total_cents * 0.01, u.status,
                   epoch_ms_to_timestamp(u.order_date), epoch_ms_to_timestamp(u.updated_at), u.row_version
            FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[],
                        ?::bigint[])
                 AS u(order_id, user_id, address_id, total_cents, status, order_date, updated_at, row_version)
            """ + NOT_DELETED_LATER.formatted("orders", "order_id") + """
            ON CONFLICT (order_id) DO UPDATE SET user_id = EXCLUDED.user_id, address_id = EXCLUDED.address_id,
                total = EXCLUDED.total, status = EXCLUDED.status, order_date = EXCLUDED.order_date,
                updated_at = EXCLUDED.updated_at, row_version = EXCLUDED.row_version
            WHERE t.row_version <= EXCLUDED.row_version
            """;

    /** Whole rows. An existing row keeps its status here; {@link #UPDATE_STATUS} moves it forward. */
    static final String UPSERT_ORDER_DETAILS = """
            INSERT INTO order_details AS t (order_id, user_id, user_name, user_email, user_phone, address_id,
                full_address, total, order_date, order_status, last_order_update, status_key, item_count, items_total,
                order_items_details, items, row_version)
            SELECT u.order_id, u.user_id, u.user_name, u.user_email, u.user_phone, u.address_id, u.full_address,
                   u.total_cents * 0.01, epoch_ms_to_timestamp(u.order_date), u.order_status,
                   epoch_ms_to_timestamp(u.status_time), u.status_key, u.item_count, u.items_total_cents * 0.01,
                   u.items_details, u.items_json::jsonb, u.row_version
            FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[],
                        ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::int[], ?::bigint[], ?::text[], ?::text[],
                        ?::bigint[])
                 AS u(order_id, user_id, user_name, user_email, user_phone, address_id, full_address, total_cents,
                      order_date, order_status, status_time, status_key, item_count, items_total_cents,
                      items_details, items_json, row_version)
            """ + NOT_DELETED_LATER.formatted("order_details", "order_id") + """
            ON CONFLICT (order_id) DO UPDATE SET user_id = EXCLUDED.user_id, user_name = EXCLUDED.user_name,
                user_email = EXCLUDED.user_email, user_phone = EXCLUDED.user_phone, address_id = EXCLUDED.address_id,
                full_address = EXCLUDED.full_address, total = EXCLUDED.total, order_date = EXCLUDED.order_date,
                item_count = EXCLUDED.item_count, items_total = EXCLUDED.items_total,
                order_items_details = EXCLUDED.order_items_details, items = EXCLUDED.items,
                row_version = EXCLUDED.row_version, read_model_updated_at = DEFAULT, change_seq = DEFAULT
            WHERE t.row_version <= EXCLUDED.row_version
            """;

    /** The narrow write of the hot path: only the status columns, only forward. */
    static final String UPDATE_STATUS = """
            UPDATE order_details AS t
            SET order_status = u.order_status, last_order_update = epoch_ms_to_timestamp(u.status_time),
                status_key = u.status_key, read_model_updated_at = DEFAULT, change_seq = DEFAULT
            FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[]) AS u(order_id, status_key, order_status, status_time)
            WHERE t.order_id = u.order_id AND t.status_key < u.status_key
            """;

    /** Moves each source's position forward, never back; {@code writer} keeps parallel writers apart. */
    static final String RECORD_PROGRESS = """
            INSERT INTO read_model_progress AS t (source, part, writer, position, source_time)
            SELECT u.source, u.part, u.writer, u.position,
                   CASE WHEN u.source_time >= 0 THEN epoch_ms_to_timestamp(u.source_time) END
            FROM unnest(?::text[], ?::int[], ?::text[], ?::bigint[], ?::bigint[])
                 AS u(source, part, writer, position, source_time)
            ORDER BY u.source, u.part
            ON CONFLICT (source, part, writer) DO UPDATE SET position = EXCLUDED.position,
                source_time = EXCLUDED.source_time, applied_at = DEFAULT
            WHERE t.position < EXCLUDED.position
            """;

    /**
     * Forgets the progress of an operator's subtasks that no longer exist (the job was rescaled down): a writer that
     * stopped recording would hold the watermark (the minimum over writers) back for ever.
     */
    private static final String FORGET_GONE_WRITERS = """
            DELETE FROM read_model_progress
            WHERE substring(writer FROM '^(.*)/[0-9]+$') = ? AND substring(writer FROM '/([0-9]+)$')::int >= ?
            """;

    /** Deletes rows not newer than the deletion and records tombstones; %1$s table, %2$s key column. */
    private static final String DELETE = """
            WITH gone AS (SELECT * FROM unnest(?::bigint[], ?::bigint[]) AS g(id, version)),
                 tombstones AS (
                     INSERT INTO read_model_tombstones (table_name, id, version)
                     SELECT '%1$s', id, version FROM gone
                     ON CONFLICT (table_name, id) DO UPDATE SET version = EXCLUDED.version, change_seq = DEFAULT
                     WHERE read_model_tombstones.version < EXCLUDED.version)
            DELETE FROM %1$s AS t USING gone WHERE t.%2$s = gone.id AND t.row_version <= gone.version
            """;

    static final String REJECT = """
            INSERT INTO read_model_rejects (table_name, row_id, row_version, reason, record) VALUES (?, ?, ?, ?, ?)
            """;

    private ReadModelStatements() {}

    static String delete(ReadModelTable table) {
        String key = switch (table) {
            case USERS -> "user_id";
            case ADDRESSES -> "address_id";
            case ORDERS, ORDER_DETAILS -> "order_id";
            case PROGRESS -> throw new IllegalArgumentException("progress is never deleted");
        };
        return DELETE.formatted(table.tableName(), key);
    }

    static String upsert(ReadModelTable table) {
        return switch (table) {
            case USERS -> UPSERT_USERS;
            case ADDRESSES -> UPSERT_ADDRESSES;
            case ORDERS -> UPSERT_ORDERS;
            case ORDER_DETAILS -> UPSERT_ORDER_DETAILS;
            case PROGRESS -> throw new IllegalArgumentException("progress is recorded by recordProgress");
        };
    }

    /** Runs the upsert of {@code table} for these writes (projection rows or order_details rows). */
    static void upsert(Connection c, ReadModelTable table, Collection<? extends ReadModelWrite> writes)
            throws SQLException {
        run(c, upsert(table), writes, columns -> {
            switch (table) {
                case USERS -> columns.as(w -> (ShopRow.User) ((ReadModelWrite.Projection) w).row())
                        .longs(ShopRow.User::userId).texts(ShopRow.User::name).texts(ShopRow.User::email)
                        .texts(ShopRow.User::phone).longs(ShopRow.User::createdAt).longs(ShopRow.User::updatedAt);
                case ADDRESSES -> columns.as(w -> (ShopRow.Address) ((ReadModelWrite.Projection) w).row())
                        .longs(ShopRow.Address::addressId).longs(ShopRow.Address::userId)
                        .texts(ShopRow.Address::street).texts(ShopRow.Address::city).texts(ShopRow.Address::state)
                        .texts(ShopRow.Address::postalCode).texts(ShopRow.Address::country)
                        .longs(ShopRow.Address::createdAt);
                case ORDERS -> columns.as(w -> (ShopRow.Order) ((ReadModelWrite.Projection) w).row())
                        .longs(ShopRow.Order::orderId).longs(ShopRow.Order::userId).longs(ShopRow.Order::addressId)
                        .longs(ShopRow.Order::totalCents).texts(ShopRow.Order::status)
                        .longs(ShopRow.Order::orderDate).longs(ShopRow.Order::updatedAt);
                case ORDER_DETAILS -> columns.as(w -> (ReadModelWrite.OrderDetails) w)
                        .longs(ReadModelWrite.OrderDetails::orderId).longs(ReadModelWrite.OrderDetails::userId)
                        .texts(ReadModelWrite.OrderDetails::userName).texts(ReadModelWrite.OrderDetails::userEmail)
                        .texts(ReadModelWrite.OrderDetails::userPhone).longs(ReadModelWrite.OrderDetails::addressId)
                        .texts(ReadModelWrite.OrderDetails::fullAddress)
                        .longs(ReadModelWrite.OrderDetails::totalCents).longs(ReadModelWrite.OrderDetails::orderDate)
                        .texts(d -> StatusKeys.status(d.statusKey())).longs(d -> StatusKeys.epochMillis(d.statusKey()))
                        .longs(ReadModelWrite.OrderDetails::statusKey).ints(ReadModelWrite.OrderDetails::itemCount)
                        .longs(ReadModelWrite.OrderDetails::itemsTotalCents)
                        .texts(ReadModelWrite.OrderDetails::itemsDetails).texts(ReadModelWrite.OrderDetails::itemsJson);
                case PROGRESS -> throw new IllegalArgumentException("progress is recorded by recordProgress");
            }
            columns.longs(ReadModelStatements::version);
        });
    }

    static void updateStatus(Connection c, Collection<ReadModelWrite.OrderStatus> statuses) throws SQLException {
        run(c, UPDATE_STATUS, statuses, columns -> columns.longs(ReadModelWrite.OrderStatus::orderId)
                .longs(ReadModelWrite.OrderStatus::statusKey).texts(w -> StatusKeys.status(w.statusKey()))
                .longs(w -> StatusKeys.epochMillis(w.statusKey())));
    }

    static void recordProgress(Connection c, String writer, Collection<ReadModelWrite.Progress> progress)
            throws SQLException {
        run(c, RECORD_PROGRESS, progress, columns -> columns.texts(ReadModelWrite.Progress::source)
                .ints(ReadModelWrite.Progress::part).texts(p -> writer).longs(ReadModelWrite.Progress::position)
                .longs(ReadModelWrite.Progress::sourceTime));
    }

    static void forgetGoneWriters(Connection c, String operator, int subtasks) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FORGET_GONE_WRITERS)) {
            s.setString(1, operator);
            s.setInt(2, subtasks);
            s.executeUpdate();
        }
    }

    static void delete(Connection c, ReadModelTable table, Collection<ReadModelWrite.Deletion> deletions)
            throws SQLException {
        run(c, delete(table), deletions, columns -> columns.longs(ReadModelWrite.Deletion::id)
                .longs(ReadModelWrite.Deletion::version));
    }

    /** Runs {@code sql} once for all {@code rows} (none: not at all), its parameters bound by {@code binding}. */
    private static <T> void run(Connection c, String sql, Collection<? extends T> rows, Binding<T> binding)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Columns<T> columns = new Columns<>(c, s, List.copyOf(rows), new ArrayList<>());
            binding.bind(columns);
            s.executeUpdate();
            for (Array array : columns.arrays) {
                array.free();
            }
        }
    }

    static long version(ReadModelWrite w) {
        if (w instanceof ReadModelWrite.OrderDetails d) {
            return d.version();
        }
        if (w instanceof ReadModelWrite.Projection p) {
            return p.version();
        }
        if (w instanceof ReadModelWrite.Deletion d) {
            return d.version();
        }
        if (w instanceof ReadModelWrite.Progress p) {
            return p.position();
        }
        return ((ReadModelWrite.OrderStatus) w).statusKey();
    }

    private interface Binding<T> {
        void bind(Columns<T> columns) throws SQLException;
    }

    /** Binds one array parameter per column of the rows, in order. */
    private record Columns<T>(Connection connection, PreparedStatement statement, List<T> rows, List<Array> arrays) {
        /** The same parameters, the columns taken from each row's {@code view}. */
        <R> Columns<R> as(Function<T, R> view) {
            return new Columns<>(connection, statement, rows.stream().map(view).toList(), arrays);
        }

        Columns<T> longs(Function<T, Long> column) throws SQLException {
            return bind("bigint", rows.stream().map(column).toArray(Long[]::new));
        }

        Columns<T> ints(Function<T, Integer> column) throws SQLException {
            return bind("int4", rows.stream().map(column).toArray(Integer[]::new));
        }

        Columns<T> texts(Function<T, String> column) throws SQLException {
            return bind("text", rows.stream().map(column).toArray(String[]::new));
        }

        private Columns<T> bind(String type, Object[] values) throws SQLException {
            Array array = connection.createArrayOf(type, values);
            arrays.add(array);
            statement.setArray(arrays.size(), array);
            return this;
        }
    }
}
