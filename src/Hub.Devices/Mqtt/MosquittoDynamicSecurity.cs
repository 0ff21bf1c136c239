using System.Text.Json.Nodes;
using Hub.Devices.Protocols.OpenBeken;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Mqtt;

/// <summary>
/// Plug logins kept by an external mosquitto's dynamic-security plugin. Each plug gets a client and a role of the same
/// name that allow only its own topics; the shared bootstrap client gets the topic shapes of a new plug, with deny
/// rules in front of them for every adopted plug. The hub's own account must be a dynsec admin.
/// </summary>
internal sealed class MosquittoDynamicSecurity(
    DynamicSecurityClient dynsec,
    HubMqttCredentials hub,
    BootstrapCredentials bootstrap,
    IOptions<BootstrapOptions> bootstrapOptions,
    IOptions<DynamicSecurityOptions> options) : IBrokerAccounts
{
    // The roles' own ACLs are evaluated only after these deny rules, whatever their priority, because the role holding
    // them is added to the bootstrap client with a higher priority.
    private const int ReservedRolePriority = 10;

    private static readonly string[] OwnPrefixes = ["{0}/#", "cmnd/{0}/#", "stat/{0}/#", "tele/{0}/#"];

    public Task IssuePlugAccountAsync(PlugAccount account, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(account.Password);
        var own = OwnTopics(account.TopicRoot);
        var acls = new JsonArray();
        foreach (var topic in own)
        {
            acls.Add(Acl("publishClientSend", topic, allow: true));
            acls.Add(Acl("publishClientReceive", topic, allow: true));
            acls.Add(Acl("subscribePattern", topic, allow: true));
        }

        acls.Add(Acl("publishClientSend", "tasmota/discovery/#", allow: true));
        acls.Add(Acl("subscribePattern", "homeassistant/+", allow: true));
        acls.Add(Acl("publishClientReceive", "homeassistant/+", allow: true));

        // Deleting first makes issuing idempotent and ends any session still using an older password.
        return dynsec.SendAsync(
        [
            Command("deleteClient", DynamicSecurityTolerance.Missing, ("username", account.Username)),
            Command("deleteRole", DynamicSecurityTolerance.Missing, ("rolename", account.Username)),
            Command("createRole", DynamicSecurityTolerance.Nothing, ("rolename", account.Username), ("acls", acls),
                ("textname", $"hub: topics of plug {account.TopicRoot}")),
            Command("createClient", DynamicSecurityTolerance.Nothing, ("username", account.Username), ("password", account.Password),
                ("textname", $"hub: plug {account.TopicRoot}"), ("roles", new JsonArray(new JsonObject { ["rolename"] = account.Username }))),
        ], ct);
    }

    public Task ReserveTopicsAsync(string topicRoot, CancellationToken ct) =>
        dynsec.SendAsync([.. ReservedAcls(topicRoot).Select(acl => Command("addRoleACL", DynamicSecurityTolerance.Exists,
            ("rolename", options.Value.ReservedTopicsRole), ("acltype", acl.Type), ("topic", acl.Topic), ("allow", false)))], ct);

    public Task RevokePlugAccountAsync(PlugAccount account, CancellationToken ct) =>
        dynsec.SendAsync(
        [
            Command("deleteClient", DynamicSecurityTolerance.Missing, ("username", account.Username)),
            Command("deleteRole", DynamicSecurityTolerance.Missing, ("rolename", account.Username)),
            .. ReservedAcls(account.TopicRoot).Select(acl => Command("removeRoleACL", DynamicSecurityTolerance.Missing,
                ("rolename", options.Value.ReservedTopicsRole), ("acltype", acl.Type), ("topic", acl.Topic))),
        ], ct);

    /// <summary>
    /// Gives the hub's client the right to command plugs and creates the bootstrap client and its roles. Safe on every
    /// start: what exists is kept, and roles are added to a client only when missing, because mosquitto 2.0 disconnects
    /// a client whose roles change (the hub's own link, or every pending plug).
    /// </summary>
    public async Task SetUpAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var known = await dynsec.SendAsync(
        [
            Command("getClient", DynamicSecurityTolerance.Missing, ("username", hub.Username)),
            Command("getClient", DynamicSecurityTolerance.Missing, ("username", bootstrap.Username)),
        ], ct);
        var hubRoles = RolesOf(known[0]) ?? throw new BrokerAccountException(
            $"The hub's MQTT user '{hub.Username}' is not a dynamic-security client; create it with 'mosquitto_ctrl dynsec init'.");
        var bootstrapRoles = RolesOf(known[1]);

        List<DynamicSecurityCommand> commands =
        [
            Command("createRole", DynamicSecurityTolerance.Exists, ("rolename", settings.HubRole), ("textname", "hub: command plugs")),
            .. AddAcls(settings.HubRole, [Acl("publishClientSend", "#", allow: true), Acl("subscribePattern", "#", allow: true), Acl("publishClientReceive", "#", allow: true)]),
            Command("createRole", DynamicSecurityTolerance.Exists, ("rolename", settings.ReservedTopicsRole),
                ("textname", "hub: topics of adopted plugs, closed to bootstrap clients")),
            Command("createRole", DynamicSecurityTolerance.Exists, ("rolename", settings.BootstrapRole),
                ("textname", "hub: what a new plug publishes and subscribes")),
            .. AddAcls(settings.BootstrapRole, BootstrapAcls()),
        ];
        if (!hubRoles.Contains(settings.HubRole))
        {
            commands.Add(Command("addClientRole", DynamicSecurityTolerance.Nothing, ("username", hub.Username), ("rolename", settings.HubRole)));
        }

        if (!bootstrapOptions.Value.Enabled)
        {
            if (bootstrapRoles is not null)
            {
                commands.Add(Command("disableClient", DynamicSecurityTolerance.Missing, ("username", bootstrap.Username)));
            }
        }
        else if (bootstrapRoles is null)
        {
            commands.Add(Command("createClient", DynamicSecurityTolerance.Nothing, ("username", bootstrap.Username), ("password", bootstrap.Password),
                ("textname", "hub: shared account of plugs waiting for adoption"),
                ("roles", new JsonArray(
                    new JsonObject { ["rolename"] = settings.BootstrapRole },
                    new JsonObject { ["rolename"] = settings.ReservedTopicsRole, ["priority"] = ReservedRolePriority }))));
        }
        else
        {
            commands.Add(Command("setClientPassword", DynamicSecurityTolerance.Nothing, ("username", bootstrap.Username), ("password", bootstrap.Password)));
            if (!bootstrapRoles.Contains(settings.BootstrapRole))
            {
                commands.Add(Command("addClientRole", DynamicSecurityTolerance.Nothing, ("username", bootstrap.Username), ("rolename", settings.BootstrapRole)));
            }

            if (!bootstrapRoles.Contains(settings.ReservedTopicsRole))
            {
                commands.Add(Command("addClientRole", DynamicSecurityTolerance.Nothing, ("username", bootstrap.Username),
                    ("rolename", settings.ReservedTopicsRole), ("priority", ReservedRolePriority)));
            }

            commands.Add(Command("enableClient", DynamicSecurityTolerance.Nothing, ("username", bootstrap.Username)));
        }

        await dynsec.SendAsync(commands, ct);
    }

    private static HashSet<string>? RolesOf(DynamicSecurityReply reply) =>
        reply.Error is not null ? null
            : [.. (reply.Data?["client"]?["roles"]?.AsArray() ?? []).Select(role => (string?)role?["rolename"]).OfType<string>()];

    private static IEnumerable<DynamicSecurityCommand> AddAcls(string role, JsonArray acls) =>
        acls.Select(acl => Command("addRoleACL", DynamicSecurityTolerance.Exists, ("rolename", role),
            ("acltype", acl!["acltype"]!.DeepClone()), ("topic", acl["topic"]!.DeepClone()), ("allow", acl["allow"]!.DeepClone())));

    /// <summary>
    /// mosquitto 2.0's plugin substitutes no <c>%c</c>/<c>%u</c> in ACL topics, so a bootstrap client cannot be held to
    /// the topics of its own client id as on the embedded broker; it gets the shapes of every plug's topics instead.
    /// Rules are only ever added here, so one dropped from this list must be removed from the broker by hand.
    /// </summary>
    private static JsonArray BootstrapAcls() => new(
    [
        Acl("publishClientSend", "+/connected", allow: true),
        Acl("publishClientSend", "+/+/get", allow: true),
        .. OpenBekenValues.SelfItems.Order(StringComparer.Ordinal).Select(item => Acl("publishClientSend", $"+/{item}", allow: true)),
        Acl("publishClientSend", "stat/+/RESULT", allow: true),
        Acl("publishClientSend", "tele/+/#", allow: true),
        Acl("publishClientSend", "tasmota/discovery/#", allow: true),
        Acl("subscribePattern", "+/+/set", allow: true),
        Acl("subscribePattern", "+/+/get", allow: true),
        Acl("subscribePattern", "cmnd/+/+", allow: true),
        Acl("subscribePattern", "homeassistant/status", allow: true),
    ]);

    private static IEnumerable<(string Type, string Topic)> ReservedAcls(string topicRoot) =>
        OwnTopics(topicRoot).SelectMany(topic => new[] { ("publishClientSend", topic), ("publishClientReceive", topic) });

    private static string[] OwnTopics(string topicRoot)
    {
        // A wildcard or separator in a plug's topic would widen its rules to other plugs' topics.
        if (string.IsNullOrEmpty(topicRoot) || topicRoot.AsSpan().IndexOfAny("+#/") >= 0 || topicRoot.StartsWith('$'))
        {
            throw new ArgumentException($"'{topicRoot}' cannot be a plug topic", nameof(topicRoot));
        }

        return [.. OwnPrefixes.Select(prefix => string.Format(System.Globalization.CultureInfo.InvariantCulture, prefix, topicRoot))];
    }

    private static JsonObject Acl(string type, string topic, bool allow) =>
        new() { ["acltype"] = type, ["topic"] = topic, ["allow"] = allow };

    private static DynamicSecurityCommand Command(string name, DynamicSecurityTolerance tolerate, params (string, JsonNode?)[] fields) =>
        DynamicSecurityCommand.Create(name, tolerate, fields);
}
