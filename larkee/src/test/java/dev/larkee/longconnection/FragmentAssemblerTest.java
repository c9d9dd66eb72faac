package dev.larkee.longconnection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.larkee.longconnection.FragmentAssembler.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FragmentAssemblerTest {

    private final AtomicLong now = new AtomicLong();
    private final FragmentAssembler assembler = new FragmentAssembler(4, 100, Duration.ofSeconds(10), now::get);

    private static byte[][] split(String text, int n) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        byte[][] parts = new byte[n][];
        int size = (all.length + n - 1) / n;
        for (int i = 0; i < n; i++) {
            parts[i] = Arrays.copyOfRange(all, Math.min(i * size, all.length), Math.min((i + 1) * size, all.length));
        }
        return parts;
    }

    @Test
    void singleFrameNeedsNoCache() {
        FragmentAssembler.Result r = assembler.accept("m", 1, 0, new byte[] {1});
        assertEquals(Status.COMPLETE, r.status());
        assertEquals(0, assembler.pending());
    }

    @Test
    void inOrderAndReversedGiveTheBytesBackAcrossAUtf8Boundary() {
        String text = "飞书长连接"; // 15 bytes, split into 4 parts of 4: boundaries inside characters
        byte[][] parts = split(text, 4);
        for (int i = 0; i < 3; i++) {
            assertEquals(Status.PENDING, assembler.accept("a", 4, i, parts[i]).status());
        }
        assertEquals(text, new String(assembler.accept("a", 4, 3, parts[3]).payload(), StandardCharsets.UTF_8));
        for (int i = 3; i > 0; i--) {
            assertEquals(Status.PENDING, assembler.accept("b", 4, i, parts[i]).status());
        }
        assertEquals(text, new String(assembler.accept("b", 4, 0, parts[0]).payload(), StandardCharsets.UTF_8));
        assertEquals(0, assembler.pending());
        assertEquals(0, assembler.bufferedBytes());
    }

    @Test
    void duplicateFragmentIsIgnoredAndResentMessageCompletesOncePerSending() {
        assertEquals(Status.PENDING, assembler.accept("m", 2, 0, new byte[] {1}).status());
        assertEquals(Status.DUPLICATE, assembler.accept("m", 2, 0, new byte[] {1}).status());
        assertEquals(Status.COMPLETE, assembler.accept("m", 2, 1, new byte[] {2}).status());
        // the whole message sent again: one more completion, not one per fragment
        assertEquals(Status.PENDING, assembler.accept("m", 2, 0, new byte[] {1}).status());
        FragmentAssembler.Result again = assembler.accept("m", 2, 1, new byte[] {2});
        assertEquals(Status.COMPLETE, again.status());
        assertArrayEquals(new byte[] {1, 2}, again.payload());
    }

    @Test
    void boundsOnSumSeqAndChangingSum() {
        assertEquals(Status.REJECTED, assembler.accept("m", 0, 0, new byte[0]).status());
        assertEquals(Status.REJECTED, assembler.accept("m", 65, 0, new byte[0]).status());
        assertEquals(Status.REJECTED, assembler.accept("m", 3, 3, new byte[0]).status());
        assertEquals(Status.REJECTED, assembler.accept("m", 3, -1, new byte[0]).status());
        assertEquals(Status.PENDING, assembler.accept("m", 3, 0, new byte[] {1}).status());
        assertEquals(Status.REJECTED, assembler.accept("m", 4, 1, new byte[] {1}).status());
        assertEquals(0, assembler.pending());
        assertEquals(Status.REJECTED, assembler.accept("", 2, 0, new byte[] {1}).status());
    }

    @Test
    void boundsOnMessagesAndBytes() {
        for (int i = 0; i < 4; i++) {
            assertEquals(Status.PENDING, assembler.accept("m" + i, 2, 0, new byte[10]).status());
        }
        assertEquals(Status.REJECTED, assembler.accept("m4", 2, 0, new byte[1]).status());
        assertEquals(Status.DUPLICATE, assembler.accept("m0", 2, 0, new byte[10]).status());
        FragmentAssembler.Result tooBig = assembler.accept("m1", 2, 1, new byte[61]);
        assertEquals(Status.REJECTED, tooBig.status());
        assertEquals(3, assembler.pending());
        assertEquals(30, assembler.bufferedBytes());
    }

    @Test
    void partialMessagesExpireAfterTheTtlFromTheFirstFragment() {
        assembler.accept("old", 2, 0, new byte[5]);
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assembler.accept("young", 2, 0, new byte[5]);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(1, assembler.expire());
        assertEquals(1, assembler.pending());
        assertEquals(5, assembler.bufferedBytes());
        // the late last fragment of the expired message starts over instead of completing
        assertEquals(Status.PENDING, assembler.accept("old", 2, 1, new byte[5]).status());
    }

    @Test
    void whatThePeerSendsIsBoundedInLengthAndSize() {
        String longId = "m".repeat(FragmentAssembler.MAX_MESSAGE_ID_CHARS + 1);
        FragmentAssembler.Result tooLong = assembler.accept(longId, 2, 0, new byte[] {1});
        assertEquals(Status.REJECTED, tooLong.status());
        assertEquals(0, assembler.pending(), "an over-long message_id is never kept");
        assertEquals(Status.PENDING, assembler.accept("m".repeat(FragmentAssembler.MAX_MESSAGE_ID_CHARS), 2, 0,
                new byte[] {1}).status(), "the longest allowed id is");

        FragmentAssembler roomy = new FragmentAssembler(4, Long.MAX_VALUE, Duration.ofSeconds(10), now::get);
        assertEquals(Status.PENDING, roomy.accept("big", 2, 0, new byte[FragmentAssembler.MAX_MESSAGE_BYTES]).status());
        assertEquals(Status.REJECTED, roomy.accept("big", 2, 1, new byte[1]).status(), "one message over 16 MiB");
        assertEquals(0, roomy.bufferedBytes(), "its fragments are released");
        assertEquals(Status.REJECTED, roomy.accept("one", 1, 0, new byte[FragmentAssembler.MAX_MESSAGE_BYTES + 1]).status());
        assertEquals(Status.COMPLETE, roomy.accept("one", 1, 0, new byte[FragmentAssembler.MAX_MESSAGE_BYTES]).status());
    }

    @Test
    void partialMessagesAreBoundedInCountAndExpire() {
        for (int i = 0; i < 4; i++) {
            assertEquals(Status.PENDING, assembler.accept("p" + i, 3, 0, new byte[1]).status());
        }
        assertEquals(Status.REJECTED, assembler.accept("p4", 3, 0, new byte[1]).status());
        assertEquals(4, assembler.pending());
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(Status.PENDING, assembler.accept("p5", 3, 0, new byte[1]).status(), "expired ones made room");
        assertEquals(1, assembler.pending());
        assertEquals(1, assembler.bufferedBytes());
    }
}
