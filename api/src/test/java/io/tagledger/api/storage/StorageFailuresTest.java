package io.tagledger.api.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A pool with no connection to give in time, as a node cut from its database sees it: the real pool's
 * failure, through Spring's JDBC as the views' queries meet it, is answered 503 but starts no outage.
 */
class StorageFailuresTest {

    @Test
    void aPoolThatGivesNoConnectionInTimeIsTransientAndNoFailureOfTheStorage() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:pool-timeout");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(250);
        try (HikariDataSource pool = new HikariDataSource(config); Connection held = pool.getConnection()) {
            Throwable timedOut = catchThrowable(() -> new JdbcTemplate(pool).queryForObject("select 1", Integer.class));

            assertThat(timedOut).isNotNull();
            assertThat(StorageFailures.isTransient(timedOut)).isTrue();
            assertThat(StorageFailures.isStorageFailure(timedOut)).isFalse();
            assertThat(StorageFailures.isTransient(new IllegalStateException("a fault of our own"))).isFalse();
        }
    }

    @Test
    void aConnectionLostUnderATransactionIsTransient() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:lost-connection");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
            Throwable lost = catchThrowable(() -> transaction.executeWithoutResult(status -> {
                try {
                    DataSourceUtils.getConnection(pool).unwrap(Connection.class).close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                throw new IllegalStateException("the query the cut connection failed");
            }));

            assertThat(lost).isInstanceOf(TransactionSystemException.class);
            assertThat(StorageFailures.isTransient(lost)).isTrue();
        }
    }
}
