package io.tagledger.api.ledger;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * H2's file system, watched: a database opened as {@code jdbc:h2:file:syncspy:/path} has its file's
 * {@link FileChannel#force} calls counted, and the ledger writer's next one can be held until released.
 * It instruments the real flush to disk rather than any of tagledger's own code.
 */
public final class SyncSpyFilePath extends FilePathWrapper {

    public static final String SCHEME = "syncspy";
    private static final AtomicInteger WRITER_SYNCS = new AtomicInteger();
    private static volatile Hold hold;

    /** The writer's next flush, held: {@link #entered} once it has begun, and it returns once {@link #release}d. */
    public static final class Hold {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final Semaphore released = new Semaphore(0);

        public boolean awaitEntered(long seconds) throws InterruptedException {
            return entered.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
        }

        public void release() {
            released.release(Integer.MAX_VALUE / 2);
        }
    }

    static {
        FilePath.register(new SyncSpyFilePath());
    }

    /** Registers the scheme with H2; call before the database is opened. */
    public static void install() {
        // The static initializer registers it once.
    }

    /** How many times the ledger writer has forced the file to disk. */
    public static int writerSyncs() {
        return WRITER_SYNCS.get();
    }

    /** Holds the ledger writer's next flush until the returned hold is released. */
    public static Hold holdNextWriterSync() {
        Hold next = new Hold();
        hold = next;
        return next;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Spy(getBase().open(mode));
    }

    private static final class Spy extends FileBase {

        private final FileChannel base;

        Spy(FileChannel base) {
            this.base = base;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            boolean writer = Thread.currentThread().getName().equals("ledger-writer");
            Hold held = writer ? hold : null;
            if (held != null) {
                hold = null;
                held.entered.countDown();
                held.released.acquireUninterruptibly();
            }
            base.force(metaData);
            if (writer) {
                WRITER_SYNCS.incrementAndGet();
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return base.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return base.write(src, position);
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            base.truncate(size);
            return this;
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
