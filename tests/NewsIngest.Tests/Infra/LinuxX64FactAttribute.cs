namespace NewsIngest.Tests.Infra;

/// <summary>A fact that runs only where the restored Bicep compiler (linux-x64) can run; CI is Linux x64.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxX64FactAttribute : FactAttribute
{
    public LinuxX64FactAttribute()
    {
        if (!BicepCli.IsSupportedPlatform)
        {
            Skip = "The Bicep compiler package restored here is linux-x64 only.";
        }
    }
}
