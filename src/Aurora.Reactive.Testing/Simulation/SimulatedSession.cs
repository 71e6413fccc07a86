namespace Aurora.Reactive.Testing.Simulation;

/// <summary>A server session on a node, as a pool keeps it: it dies with the node's incarnation it was opened in.</summary>
internal sealed record SimulatedSession(SimulatedNode Node, int Incarnation)
{
    public bool IsAlive => !Node.IsCrashed && Node.Incarnation == Incarnation;
}
