using System;
using NetGen.Samples;

// NetGen.Samples [digits|vanishing|activations|batchnorm] [options]; digits (the main job) when no command is given.
return Cli.Run(args, Console.Out, Console.Error);
