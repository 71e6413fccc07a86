using Aurora.Reactive.Delivery;

namespace Aurora.Reactive.Tests.Delivery;

public sealed class BroadcastTests
{
    private readonly object _gate = new();
    private readonly List<Exception> _errors = [];
    private readonly Outbox _outbox;
    private readonly Broadcast<int> _values;

    public BroadcastTests()
    {
        _outbox = new Outbox(_gate, _errors.Add);
        _values = new Broadcast<int>(_outbox, _errors.Add);
    }

    private void Publish(params int[] values)
    {
        using (_outbox.Enter())
        {
            foreach (var value in values)
            {
                _values.Publish(value);
            }
        }
    }

    [Fact]
    public void Publish_OneSubscriberThrows_TheOthersGetEveryValueAndTheThrowerIsReportedOnceAndDetached()
    {
        var before = new List<int>();
        var after = new List<int>();
        var thrown = 0;
        using var first = _values.Subscribe(before.Add);
        using var throwing = _values.Subscribe(_ =>
        {
            thrown++;
            throw new InvalidOperationException("subscriber bug");
        });
        using var last = _values.Subscribe(after.Add);

        Publish(1, 2, 3);

        Assert.Equal([1, 2, 3], before);
        Assert.Equal([1, 2, 3], after);
        Assert.Equal(1, thrown);
        Assert.Equal("subscriber bug", Assert.Single(_errors).Message);
    }

    [Fact]
    public void Publish_UnderTheGate_IsDeliveredOnlyOnceTheGateIsReleased()
    {
        var received = new List<int>();
        var gateHeld = new List<bool>();
        using var _ = _values.Subscribe(value =>
        {
            gateHeld.Add(Monitor.IsEntered(_gate));
            received.Add(value);
        });

        using (_outbox.Enter())
        {
            _values.Publish(1);
            Assert.Empty(received);
        }

        Assert.Equal([1], received);
        Assert.Equal([false], gateHeld);
    }

    [Fact]
    public void Subscriber_TakesTheGateOnAnotherThread_DoesNotDeadlock()
    {
        var otherThreadGotIn = new List<bool>();
        using var _ = _values.Subscribe(_ => otherThreadGotIn.Add(Task.Run(() =>
        {
            lock (_gate)
            {
                return true;
            }
        }).Wait(TimeSpan.FromSeconds(10))));

        Publish(1);

        Assert.Equal([true], otherThreadGotIn);
    }

    [Fact]
    public void Subscriber_PublishesWhileServed_EveryoneGetsTheValuesInOrder()
    {
        var first = new List<int>();
        var second = new List<int>();
        using var a = _values.Subscribe(value =>
        {
            first.Add(value);
            if (value == 1)
            {
                Publish(2);
            }
        });
        using var b = _values.Subscribe(second.Add);

        Publish(1);

        Assert.Equal([1, 2], first);
        Assert.Equal([1, 2], second);
    }

    [Fact]
    public void Subscribe_WithAReplay_GetsItBeforeLaterValues()
    {
        var received = new List<int>();
        using var _ = _values.Subscribe(Observer(received), () => [7, 8]);

        Publish(9);

        Assert.Equal([7, 8, 9], received);
    }

    [Fact]
    public void Subscribe_AfterCompletion_GetsTheReplayThenCompletes()
    {
        using (_outbox.Enter())
        {
            _values.Complete();
        }

        var received = new List<int>();
        var completed = false;
        using var _ = _values.Subscribe(System.Reactive.Observer.Create<int>(received.Add, () => completed = true), () => [5]);

        Assert.Equal([5], received);
        Assert.True(completed);
    }

    [Fact]
    public void Dispose_WithAValueQueuedForTheSubscriber_ItIsNotDelivered()
    {
        var received = new List<int>();
        var subscription = _values.Subscribe(received.Add);

        using (_outbox.Enter())
        {
            _values.Publish(1);
            subscription.Dispose();
        }

        Assert.Empty(received);
    }

    [Fact]
    public void Complete_CompletesEverySubscriberOnce()
    {
        var completions = 0;
        using var a = _values.Subscribe(_ => { }, () => completions++);
        using var b = _values.Subscribe(_ => { }, () => completions++);

        using (_outbox.Enter())
        {
            _values.Complete();
            _values.Complete();
        }

        Assert.Equal(2, completions);
    }

    [Fact]
    public void Outbox_AQueuedActionThrows_TheNextOnesRunAndTheErrorIsReported()
    {
        var ran = new List<int>();
        using (_outbox.Enter())
        {
            _outbox.Post(() => throw new InvalidOperationException("delivery bug"));
            _outbox.Post(() => ran.Add(2));
        }

        Assert.Equal([2], ran);
        Assert.Equal("delivery bug", Assert.Single(_errors).Message);
    }

    private static IObserver<int> Observer(List<int> received) => System.Reactive.Observer.Create<int>(received.Add);
}
