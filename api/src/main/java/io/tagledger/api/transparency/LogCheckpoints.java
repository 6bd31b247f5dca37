package io.tagledger.api.transparency;

import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.storage.PeriodicTask;
import io.tagledger.query.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Signs the log's checkpoints: at start, and every {@code tagledger.log.checkpoint-interval} while the log
 * grows. A checkpoint is signed only once the tree it names is proved, from the stored subtrees, to extend
 * the last one signed: tagledger never signs two checkpoints that are inconsistent with each other. The
 * verifier key is logged at start and served at {@code /log/verifier-key}.
 */
@Component
public class LogCheckpoints extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(LogCheckpoints.class);

    private final LogStore store;
    private final JdbcTemplate jdbc;
    private final NoteKey key;
    private final String origin;

    /** A signed checkpoint as kept. */
    public record Signed(long size, byte[] root, String note) {
    }

    LogCheckpoints(LogStore store, DataSource dataSource, TagledgerProperties properties) {
        super("log-checkpoints", properties.log().checkpointInterval());
        this.store = store;
        this.jdbc = new JdbcTemplate(dataSource);
        this.key = LogKeys.load(properties);
        this.origin = properties.log().origin();
        log.info("The transparency log {} signs its checkpoints with the verifier key {}", origin, key.verifierKey());
    }

    public String verifierKey() {
        return key.verifierKey();
    }

    @Override
    protected void runOnce() {
        try {
            sign();
        } catch (DataAccessException unavailable) {
            log.debug("No checkpoint signed this round: {}", unavailable.getMessage());
        }
    }

    /** Signs a checkpoint of the log as it is now, unless the last one names it already. @return the latest checkpoint */
    public synchronized Optional<Signed> sign() {
        long size = store.size();
        Optional<Signed> last = latest();
        if (last.isPresent() && last.get().size() >= size) {
            return last;
        }
        byte[] root = MerkleTree.root(size, store::hash);
        if (last.isPresent() && !MerkleTree.verifyConsistency(last.get().size(), size, last.get().root(), root,
                MerkleTree.consistencyProof(last.get().size(), size, store::hash))) {
            log.error("The log of {} entries does not extend the checkpoint of {}: no checkpoint is signed until it does",
                    size, last.get().size());
            return last;
        }
        String note = key.sign(new Checkpoint(origin, size, root).text());
        try {
            jdbc.update("insert into log_checkpoint (tree_size, root_hash, note, signed_at) values (?, ?, ?, ?)", size, root, note,
                    Rows.timestamp(Instant.now()));
        } catch (DuplicateKeyException anotherNode) {
            return latest();
        }
        return Optional.of(new Signed(size, root, note));
    }

    /** The latest checkpoint signed, by any node. */
    public Optional<Signed> latest() {
        List<Signed> found = jdbc.query("select tree_size, root_hash, note from log_checkpoint order by tree_size desc limit 1",
                (row, n) -> new Signed(row.getLong(1), row.getBytes(2), row.getString(3)));
        return found.stream().findFirst();
    }
}
