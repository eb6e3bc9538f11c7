package dev.cqrsorders.job.sql;

import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;

import java.util.HashMap;
import java.util.Map;

/**
 * Applies deployment settings to the tables the SQL files declared, by connector, through the catalog API: the SQL
 * files keep docker-compose's defaults and stay runnable as they are, and no SQL text is ever assembled here.
 */
public final class ConnectionOptions {
    private final Map<String, Map<String, String>> byConnector = new HashMap<>();
    private final Map<String, Map<String, String>> byTable = new HashMap<>();

    /** {@code options} replace the same-named options of every table whose {@code connector} is {@code connector}. */
    public ConnectionOptions set(String connector, Map<String, String> options) {
        byConnector.computeIfAbsent(connector, c -> new HashMap<>()).putAll(options);
        return this;
    }

    /** {@code options} replace the same-named options of the table {@code table} (after the connector's). */
    public ConnectionOptions setForTable(String table, Map<String, String> options) {
        byTable.computeIfAbsent(table, t -> new HashMap<>()).putAll(options);
        return this;
    }

    public void applyTo(TableEnvironment tEnv) {
        String catalogName = tEnv.getCurrentCatalog();
        String database = tEnv.getCurrentDatabase();
        Catalog catalog = tEnv.getCatalog(catalogName).orElseThrow();
        for (String table : tEnv.listTables(catalogName, database)) {
            ObjectPath path = new ObjectPath(database, table);
            try {
                if (!catalog.tableExists(path)) {
                    continue; // a temporary view
                }
                CatalogBaseTable base = catalog.getTable(path);
                if (!(base instanceof CatalogTable catalogTable)) {
                    continue;
                }
                Map<String, String> options = new HashMap<>(catalogTable.getOptions());
                options.putAll(byConnector.getOrDefault(catalogTable.getOptions().get("connector"), Map.of()));
                options.putAll(byTable.getOrDefault(table, Map.of()));
                if (options.equals(catalogTable.getOptions())) {
                    continue;
                }
                catalog.alterTable(path, catalogTable.copy(options), false);
            } catch (TableNotExistException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
