using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Api.Auth;

/// <summary>
/// Accounts: list, create, delete, reset a password. The hub has no roles yet, so the administrator is the account the
/// hub created on first start (<c>Auth:AdminUserName</c>); only it may use these endpoints, and it cannot be deleted.
/// </summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/users").WithTags("Users")
            .RequireHubAdmin("Only the administrator account manages users.");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapDelete("/{id}", DeleteAsync);
        group.MapPost("/{id}/password", ResetPasswordAsync);
        return group;
    }

    private static UserView View(HubUser u, AuthOptions options, TimeProvider time) => new(u.Id, u.UserName ?? "",
        string.Equals(u.UserName, options.AdminUserName, StringComparison.OrdinalIgnoreCase),
        u.LockoutEnd > time.GetUtcNow() ? u.LockoutEnd : null);

    private static async Task<Ok<List<UserView>>> ListAsync(UserManager<HubUser> users, IOptions<AuthOptions> options,
        TimeProvider time, CancellationToken ct)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        return TypedResults.Ok(all.Select(u => View(u, options.Value, time)).ToList());
    }

    private static async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, UserManager<HubUser> users, IOptions<AuthOptions> options, TimeProvider time)
    {
        if (await users.FindByNameAsync(request.UserName) is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken",
                detail: $"A user named '{request.UserName}' exists.");
        }

        var user = new HubUser { UserName = request.UserName };
        var created = await users.CreateAsync(user, request.Password);
        return created.Succeeded
            ? TypedResults.Created($"/api/users/{user.Id}", View(user, options.Value, time))
            : Invalid(created);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        string id, UserManager<HubUser> users, AuthDb db, IOptions<AuthOptions> options, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        if (string.Equals(user.UserName, options.Value.AdminUserName, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Administrator kept",
                detail: "The administrator account cannot be deleted; a hub without it could not manage users.");
        }

        // Its scripts stop working with it: tokens are checked against their own table, not the account.
        await db.ApiTokens.Where(t => t.UserId == id).ExecuteDeleteAsync(ct);
        await users.DeleteAsync(user);
        return TypedResults.NoContent();
    }

    /// <summary>Sets a new password, ends the account's lockout, and signs its sessions out (new security stamp).</summary>
    private static async Task<Results<NoContent, NotFound, ValidationProblem>> ResetPasswordAsync(
        string id, ResetPasswordRequest request, UserManager<HubUser> users)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        // Checked before the old password is removed, so a refused one never leaves the account without any.
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, request.Password);
            if (!check.Succeeded)
            {
                return Invalid(check);
            }
        }

        await users.RemovePasswordAsync(user);
        var set = await users.AddPasswordAsync(user, request.Password);
        if (!set.Succeeded)
        {
            return Invalid(set);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return TypedResults.NoContent();
    }

    /// <summary>Identity's error codes say which field failed (PasswordTooShort, InvalidUserName, …).</summary>
    private static ValidationProblem Invalid(IdentityResult result) => TypedResults.ValidationProblem(result.Errors
        .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName")
        .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
}
