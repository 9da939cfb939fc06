using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.Stage;

namespace Fibo.Actors.Infrastructure.Kafka;

/// <summary>
/// An Akka.Streams source over a Kafka consumer group (our own: Akka.Streams.Kafka is not available). Records come out
/// in partition order; each must be <see cref="CommittableRecord.Ack"/>ed once its effect is durable, and only acked
/// offsets are committed (per partition, up to the first unacked record; batched every commit interval, on revoke and on
/// stop). When downstream is slow the read-ahead buffer fills and the consumer pauses its partitions (it keeps polling,
/// so it stays in the group). On a rebalance, records of revoked partitions are no longer emitted and what was acked in
/// time is committed before the partitions move.
/// </summary>
public static class KafkaConsumerSource
{
    public static Source<CommittableRecord, KafkaConsumerControl> Create(KafkaConsumerSettings settings) =>
        Source.FromGraph(new KafkaSourceStage(settings));

    private sealed class KafkaSourceStage(KafkaConsumerSettings settings)
        : GraphStageWithMaterializedValue<SourceShape<CommittableRecord>, KafkaConsumerControl>
    {
        private readonly Outlet<CommittableRecord> _out = new("kafka-consumer.out");

        public override SourceShape<CommittableRecord> Shape => new(_out);

        protected override Attributes InitialAttributes => Attributes.CreateName("kafka-consumer");

        public override ILogicAndMaterializedValue<KafkaConsumerControl> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
        {
            var loop = new KafkaConsumerLoop(settings);
            return new LogicAndMaterializedValue<KafkaConsumerControl>(new Logic(this, loop), new KafkaConsumerControl(loop));
        }

        private sealed class Logic : OutGraphStageLogic
        {
            private readonly KafkaSourceStage _stage;
            private readonly KafkaConsumerLoop _loop;

            public Logic(KafkaSourceStage stage, KafkaConsumerLoop loop) : base(stage.Shape)
            {
                _stage = stage;
                _loop = loop;
                SetHandler(stage._out, this);
            }

            public override void PreStart()
            {
                var available = GetAsyncCallback(OnAvailable);
                var failed = GetAsyncCallback<Exception>(FailStage);
                var stopped = GetAsyncCallback(CompleteStage);
                _loop.Start(available, failed, stopped, Log);
            }

            public override void OnPull() => TryPush();

            private void OnAvailable()
            {
                if (IsAvailable(_stage._out)) TryPush();
            }

            private void TryPush()
            {
                while (true)
                {
                    if (_loop.TryTake() is { } record)
                    {
                        Push(_stage._out, record);
                        return;
                    }
                    _loop.SetWaiting();
                    // A record may have arrived between the empty take and the flag: look once more so it is not missed.
                    if (_loop.Buffer.IsEmpty || !_loop.ClearWaiting()) return;
                }
            }

            public override void PostStop() => _loop.RequestStop();
        }
    }
}
