using Microsoft.AspNetCore.Diagnostics;

namespace Hub.Api.Hosting;

/// <summary>
/// Request bodies that cannot be read (broken JSON, unknown enum values, bodies over the size limit) are the caller's
/// mistake: answer with their own status (400, 413) as ProblemDetails instead of a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Invalid request",
                Detail = bad.InnerException?.Message ?? bad.Message,
            },
        });
    }
}
