package io.tagledger.api.storage;

import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionSystemException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Whether a failure is the storage's rather than the request's (following each exception's cause, and a
 * batch's next exception, where H2 puts the statement's own failure): the disk is full or failing, or the
 * embedded database closed itself after such an error, or the database server cannot be reached. Each API answers it with 503 and Retry-After
 * (the service recovers once space is back, see {@link StorageRecovery}), never with a 500.
 */
public final class StorageFailures {

    /** H2's codes: the database is closed, and its two I/O errors. */
    private static final Set<Integer> H2_STORAGE_ERRORS = Set.of(90098, 90028, 90031);

    /**
     * SQLSTATE classes and codes of a server that cannot be reached (PostgreSQL): class 08, connection
     * exception, and 57P01 to 57P03, the server shutting down or not yet accepting connections.
     */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final Set<String> SERVER_UNAVAILABLE = Set.of("57P01", "57P02", "57P03");

    private static final long RETRY_AFTER_SECONDS = 5;

    private StorageFailures() {
    }

    /** What each API answers while the storage fails, with when to try again. */
    public static RegistryException unavailable() {
        return RegistryException.of(Refusal.STORAGE_UNAVAILABLE, "retryAfterSeconds", Long.toString(RETRY_AFTER_SECONDS));
    }

    /**
     * Whether the failure says only that the database was not to be had in time: a pool that gave no
     * connection within its timeout, a query past its own, a connection lost under a transaction. The storage may be fine (a busy node, a network
     * that is slow or cut), so it starts no outage; the request is still answered 503, to be tried again.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof TransientDataAccessException) {
                return true;
            }
            // A rollback that could not be sent: the connection went under the transaction (a network cut).
            if (cause instanceof TransactionSystemException rollback && rollback.getCause() instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    public static boolean isStorageFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && (H2_STORAGE_ERRORS.contains(sql.getErrorCode()) || unreachable(sql.getSQLState())
                    || sql.getNextException() != null && sql.getNextException() != sql && isStorageFailure(sql.getNextException()))) {
                return true;
            }
            // A rollback that failed after the storage did hides the storage's failure behind its own.
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != failure && isStorageFailure(rollback.getApplicationException())) {
                return true;
            }
            if (cause.getClass().getName().equals("org.h2.mvstore.MVStoreException")) {
                return true;
            }
            if (cause instanceof IOException && cause.getMessage() != null && cause.getMessage().contains("No space left")) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachable(String sqlState) {
        return sqlState != null && (sqlState.startsWith(CONNECTION_EXCEPTION_CLASS) || SERVER_UNAVAILABLE.contains(sqlState));
    }
}
