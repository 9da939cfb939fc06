using Fibo.Actors.Infrastructure.Kafka;

namespace Fibo.Actors.Tests.Infrastructure.Kafka;

public class PartitionOffsetTrackerTests
{
    [Fact]
    public void Commit_offset_is_one_past_the_highest_contiguous_ack()
    {
        var t = new PartitionOffsetTracker();
        foreach (var o in new long[] { 10, 11, 12, 15, 16 }) t.HandedOut(o); // gaps happen (compaction, transaction markers)
        Assert.Null(t.CommitOffset);
        t.Acked(11);
        Assert.Null(t.CommitOffset);          // 10 still open
        t.Acked(10);
        Assert.Equal(12, t.CommitOffset);     // 10 and 11 done
        t.Acked(15);
        Assert.Equal(12, t.CommitOffset);     // 12 open
        t.Acked(12);
        Assert.Equal(16, t.CommitOffset);     // 12 and 15 done, across the gap
        Assert.Equal(1, t.Unacked);
        t.Acked(16);
        Assert.Equal(17, t.CommitOffset);
        Assert.Equal(0, t.Unacked);
    }

    [Fact]
    public void Duplicate_and_unknown_acks_change_nothing()
    {
        var t = new PartitionOffsetTracker();
        t.HandedOut(0);
        t.HandedOut(1);
        t.Acked(0);
        t.Acked(0);
        t.Acked(7);
        Assert.Equal(1, t.CommitOffset);
        Assert.Equal(1, t.Unacked);
    }

    [Fact]
    public void Records_must_be_handed_out_in_order()
    {
        var t = new PartitionOffsetTracker();
        t.HandedOut(5);
        Assert.Throws<InvalidOperationException>(() => t.HandedOut(5));
    }
}
