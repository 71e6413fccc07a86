Console.WriteLine("Benchmarks: no suite yet");
