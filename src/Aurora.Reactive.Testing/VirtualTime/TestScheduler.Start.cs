namespace Aurora.Reactive.Testing.VirtualTime;

public sealed partial class TestScheduler
{
    /// <summary>
    /// Creates the observable at <paramref name="created"/>, subscribes a recording observer at
    /// <paramref name="subscribed"/>, disposes the subscription at <paramref name="disposed"/>, and runs the
    /// clock to <paramref name="disposed"/>. Work due later stays queued.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="create">Builds the observable under test.</param>
    /// <param name="created">Virtual time of the factory call, in ticks.</param>
    /// <param name="subscribed">Virtual time of the subscription, in ticks.</param>
    /// <param name="disposed">Virtual time of the disposal, in ticks.</param>
    /// <returns>The observer, with what it recorded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The times are not in the order clock ≤ created ≤ subscribed ≤ disposed.</exception>
    public ITestableObserver<T> Start<T>(Func<IObservable<T>> create, long created, long subscribed, long disposed)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (created < Clock || subscribed < created || disposed < subscribed)
        {
            throw new ArgumentOutOfRangeException(
                nameof(created),
                $"Start needs clock ({Clock}) <= created ({created}) <= subscribed ({subscribed}) <= disposed ({disposed}).");
        }

        IObservable<T>? source = null;
        IDisposable? subscription = null;
        var observer = CreateObserver<T>();
        At(created, () => source = create());
        At(subscribed, () => subscription = source!.Subscribe(observer));
        At(disposed, () => subscription?.Dispose());
        AdvanceTo(disposed);
        return observer;
    }

    /// <summary>
    /// <see cref="Start{T}(Func{IObservable{T}}, long, long, long)"/> with the default creation (100) and
    /// subscription (200) times and the given disposal time.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="create">Builds the observable under test.</param>
    /// <param name="disposed">Virtual time of the disposal, in ticks.</param>
    /// <returns>The observer, with what it recorded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="disposed"/> is before the subscription time.</exception>
    public ITestableObserver<T> Start<T>(Func<IObservable<T>> create, long disposed) =>
        Start(create, TestSchedulerDefaults.Created, TestSchedulerDefaults.Subscribed, disposed);

    /// <summary>
    /// <see cref="Start{T}(Func{IObservable{T}}, long, long, long)"/> with the defaults of
    /// <see cref="TestSchedulerDefaults"/>: created at 100, subscribed at 200, disposed at 1000 ticks.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="create">Builds the observable under test.</param>
    /// <returns>The observer, with what it recorded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The clock is already past the creation time.</exception>
    public ITestableObserver<T> Start<T>(Func<IObservable<T>> create) =>
        Start(create, TestSchedulerDefaults.Created, TestSchedulerDefaults.Subscribed, TestSchedulerDefaults.Disposed);

    private void At(long time, Action action) =>
        ScheduleAbsolute(action, time, (_, a) =>
        {
            a();
            return System.Reactive.Disposables.Disposable.Empty;
        });
}
