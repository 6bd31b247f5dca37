package io.tagledger.api.config;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;
import org.hibernate.type.descriptor.jdbc.VarcharJdbcType;
import org.hibernate.type.descriptor.jdbc.spi.JdbcTypeRegistry;

import java.sql.Types;

/**
 * PostgreSQL with {@code @Lob} columns as {@code bytea} and {@code text}.
 *
 * <p>Hibernate 6 maps a {@code @Lob} to an {@code oid} on PostgreSQL: the bytes go to large objects, and
 * every updated or deleted row leaves its old object behind (each token update of a processor wrote a
 * new one). Axon's event, snapshot and token entries are {@code @Lob byte[]}, and the audit trail's and
 * image view's texts are {@code @Lob String}: here they are read and written as plain bytes and text.
 * Chosen by the {@code postgres} profile ({@code spring.jpa.database-platform}).
 */
public class PostgresDialect extends PostgreSQLDialect {

    @Override
    protected String columnType(int sqlTypeCode) {
        return switch (sqlTypeCode) {
            case SqlTypes.BLOB -> "bytea";
            case SqlTypes.CLOB -> "text";
            default -> super.columnType(sqlTypeCode);
        };
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return switch (sqlTypeCode) {
            case SqlTypes.BLOB -> "bytea";
            case SqlTypes.CLOB -> "text";
            default -> super.castType(sqlTypeCode);
        };
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        JdbcTypeRegistry types = typeContributions.getTypeConfiguration().getJdbcTypeRegistry();
        types.addDescriptor(Types.BLOB, BinaryJdbcType.INSTANCE);
        types.addDescriptor(Types.CLOB, VarcharJdbcType.INSTANCE);
    }
}
