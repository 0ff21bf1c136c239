using Microsoft.AspNetCore.Identity;

namespace Hub.Api.Auth;

public sealed class HubUser : IdentityUser
{
}
