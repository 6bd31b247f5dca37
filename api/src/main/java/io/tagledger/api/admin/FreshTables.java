package io.tagledger.api.admin;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables a rebuild writes, beside the live ones: each live table's twin, named with
 * {@link #SUFFIX}, with its columns but without its keys and indexes until it is loaded. Once loaded
 * it gets them, under names of its own, and then replaces the live table, taking the live names.
 * The definitions come from the database itself, so the migrations stay the one place a view's tables
 * are defined.
 */
abstract sealed class FreshTables {

    static final String SUFFIX = "_next";

    /** For each fresh table: the statements that give it its keys and indexes, then how its names become the live ones. */
    private final Map<String, List<String>> keys = new LinkedHashMap<>();
    private final Map<String, List<String>> renames = new LinkedHashMap<>();
    final JdbcTemplate jdbc;

    FreshTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static FreshTables of(JdbcTemplate jdbc, boolean postgres) {
        return postgres ? new Postgres(jdbc) : new H2(jdbc);
    }

    /** Creates the empty twins, dropping any a rebuild that stopped half-way left behind. */
    void create(List<String> tables) {
        for (String table : tables) {
            jdbc.execute("drop table if exists " + table + SUFFIX);
            keys.put(table, new ArrayList<>());
            renames.put(table, new ArrayList<>());
            createTwin(table, keys.get(table), renames.get(table));
        }
    }

    /**
     * Gives the loaded twins their keys and indexes, one at a time: H2 serializes its definitions, and
     * one waiting for another's long index build times out.
     */
    void index() {
        keys.values().forEach(statements -> statements.forEach(jdbc::execute));
    }

    /** Replaces each of these live tables by its twin, in the caller's transaction where the database allows it. */
    void swap(List<String> tables) {
        for (String table : tables) {
            jdbc.execute("drop table " + table);
            jdbc.execute("alter table " + table + SUFFIX + " rename to " + table);
            renames.get(table).forEach(jdbc::execute);
        }
    }

    /** Drops the twins of a rebuild that failed, each that it can; tells which it could not. */
    List<String> drop() {
        List<String> left = new ArrayList<>();
        for (String table : keys.keySet()) {
            try {
                jdbc.execute("drop table if exists " + table + SUFFIX);
            } catch (RuntimeException e) {
                left.add(table + SUFFIX);
            }
        }
        return left;
    }

    abstract void createTwin(String table, List<String> keys, List<String> renames);

    /**
     * H2 describes a table as the statements that create it ({@code SCRIPT NODATA}). Every name in
     * them that is qualified by its schema (the table's, its constraints' and its indexes') gets the
     * suffix. H2 commits before each definition, so the swap runs while no query reads the tables.
     */
    static final class H2 extends FreshTables {

        private static final Pattern QUALIFIED = Pattern.compile("\"([^\"]+)\"\\.\"([^\"]+)\"");
        private static final Pattern CONSTRAINT = Pattern.compile("ADD CONSTRAINT \"[^\"]+\"\\.\"([^\"]+)\"");
        private static final Pattern INDEX = Pattern.compile("CREATE (?:UNIQUE )?INDEX \"([^\"]+)\"\\.\"([^\"]+)\"");

        H2(JdbcTemplate jdbc) {
            super(jdbc);
        }

        @Override
        void createTwin(String table, List<String> keys, List<String> renames) {
            String suffix = SUFFIX.toUpperCase();
            for (String statement : jdbc.queryForList("script nodata nopasswords nosettings table " + table, String.class)) {
                Matcher constraint = CONSTRAINT.matcher(statement);
                Matcher index = INDEX.matcher(statement);
                if (constraint.find()) {
                    renames.add("alter table " + table + " rename constraint \"" + constraint.group(1) + suffix + "\" to \"" + constraint.group(1) + "\"");
                } else if (index.find()) {
                    renames.add("alter index \"" + index.group(1) + "\".\"" + index.group(2) + suffix + "\" rename to \"" + index.group(2) + "\"");
                } else if (!statement.startsWith("CREATE ") || !statement.contains(" TABLE ")) {
                    continue;
                }
                String twin = QUALIFIED.matcher(statement).replaceAll(name -> Matcher.quoteReplacement(
                        "\"" + name.group(1) + "\".\"" + name.group(2) + suffix + "\""));
                // The primary key is the table's own row key in H2: given at once, it costs nothing to load in key order.
                if (statement.startsWith("CREATE ") && statement.contains(" TABLE ") || statement.contains(" PRIMARY KEY")) {
                    jdbc.execute(twin);
                } else {
                    keys.add(twin);
                }
            }
        }
    }

    /**
     * PostgreSQL copies a table's columns ({@code LIKE}) and describes its keys and indexes in its
     * catalogue. Its definitions are transactional: the swap is one commit, which every node sees at once.
     */
    static final class Postgres extends FreshTables {

        Postgres(JdbcTemplate jdbc) {
            super(jdbc);
        }

        @Override
        void createTwin(String table, List<String> keys, List<String> renames) {
            String twin = table + SUFFIX;
            jdbc.execute("create table " + twin + " (like " + table + " including defaults including identity including constraints)");
            jdbc.query("select conname, pg_get_constraintdef(oid) from pg_constraint where conrelid = ?::regclass and contype in ('p', 'u')",
                    row -> {
                        String name = row.getString(1);
                        keys.add("alter table " + twin + " add constraint " + name + SUFFIX + " " + row.getString(2));
                        renames.add("alter table " + table + " rename constraint " + name + SUFFIX + " to " + name);
                    }, table);
            jdbc.query("select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i where i.indrelid = ?::regclass "
                            + "and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)",
                    row -> {
                        String name = row.getString(1);
                        String definition = row.getString(2).replaceFirst(" INDEX " + Pattern.quote(name) + " ON ((?:\\S+\\.)?)" + Pattern.quote(table) + " ",
                                Matcher.quoteReplacement(" INDEX " + name + SUFFIX + " ON ") + "$1" + Matcher.quoteReplacement(twin + " "));
                        keys.add(definition);
                        renames.add("alter index " + name + SUFFIX + " rename to " + name);
                    }, table);
        }
    }
}
