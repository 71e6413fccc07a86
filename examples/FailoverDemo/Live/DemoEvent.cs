namespace FailoverDemo.Live;

/// <summary>
/// Something the live view shows, stamped with the run's clock. The view's model is a fold over these
/// events, so a recorded sequence always gives the same screen.
/// </summary>
/// <param name="At">Time since the start of the run.</param>
internal abstract record DemoEvent(TimeSpan At);
