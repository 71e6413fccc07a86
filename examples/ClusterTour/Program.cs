Console.WriteLine("ClusterTour: not written yet");
