namespace Aurora.Reactive.Drivers;

/// <summary>Tells which driver errors start a failover. One implementation per database driver.</summary>
public interface IDriverErrorClassifier
{
    /// <summary>Classifies an error raised by the driver.</summary>
    /// <param name="error">The error as the driver raised it.</param>
    /// <returns>What the error means for failover.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    DriverErrorKind Classify(Exception error);
}
