using System.Text;
using System.Text.Json;
using GitOps.Reconciler.Cluster;

namespace GitOps.Reconciler.Tests.Connection;

public sealed class ListPageReaderTests
{
    private static readonly string Page = $$$"""
        {"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"42","continue":"next-page","remainingItemCount":3},
         "items":[{"metadata":{"name":"a"},"data":{"k":"{ \"not\": [\"json\" }"}},
                  {"metadata":{"name":"b"},"data":{"big":"{{{new string('x', 200_000)}}}"}},
                  7, null, [1, {"nested":true}],
                  {"metadata":{"name":"c"}}],
         "trailing":{"ignored":[1,2,3]}}
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(1_000_000)]
    public async Task Reads_every_object_item_and_the_continue_token_however_the_body_is_split(int chunk)
    {
        var page = await ListPageReader.ReadAsync(new TrickleStream(Page, chunk), settle: null, TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b", "c"], page.Items.Select(Name));
        Assert.Equal("{ \"not\": [\"json\" }", page.Items[0].GetProperty("data").GetProperty("k").GetString());
        // An item larger than the reader's buffer grows it instead of failing.
        Assert.Equal(200_000, page.Items[1].GetProperty("data").GetProperty("big").GetString()!.Length);
        Assert.Equal("next-page", page.Continue);
    }

    [Fact]
    public async Task Settled_items_are_offered_in_order_and_left_out()
    {
        var offered = new List<string>();
        var page = await ListPageReader.ReadAsync(new TrickleStream(Page, 13), item =>
        {
            offered.Add(Name(item));
            return Name(item) != "b";
        }, TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b", "c"], offered);
        Assert.Equal(["b"], page.Items.Select(Name));
    }

    [Fact]
    public async Task Kept_items_do_not_depend_on_the_buffer_they_were_read_from()
    {
        var items = Enumerable.Range(0, 2_000).Select(i => $$$"""{"metadata":{"name":"cm-{{{i}}}"},"data":{"v":"{{{new string((char)('a' + (i % 26)), 100)}}}"}}""");
        var body = $$$"""{"items":[{{{string.Join(',', items)}}}],"metadata":{}}""";

        var page = await ListPageReader.ReadAsync(new TrickleStream(body, 1000), settle: null, TestContext.Current.CancellationToken);

        Assert.Equal(2_000, page.Items.Count);
        Assert.All(page.Items.Select((item, i) => (item, i)), p =>
        {
            Assert.Equal($"cm-{p.i}", Name(p.item));
            Assert.Equal(new string((char)('a' + (p.i % 26)), 100), p.item.GetProperty("data").GetProperty("v").GetString());
        });
        Assert.Null(page.Continue);
    }

    [Theory]
    [InlineData("""{"items":[{"metadata":{"name":"a"}},""", "property name or value")]
    [InlineData("""{"items":[{"metadata":{"name":"a"}}]""", "depth to be zero")]
    [InlineData("""[{"metadata":{"name":"a"}}]""", "not a JSON object")]
    [InlineData("""{"items":[{"metadata":{"name":"a"}]}""", "without a matching open")]
    [InlineData("", "does not contain any JSON tokens")]
    public async Task A_body_that_is_not_a_whole_list_object_is_an_error(string body, string message)
    {
        var e = await Assert.ThrowsAnyAsync<JsonException>(() => ListPageReader.ReadAsync(new TrickleStream(body, 5), settle: null, TestContext.Current.CancellationToken));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    private static string Name(JsonElement item) => item.GetProperty("metadata").GetProperty("name").GetString()!;

    /// <summary>A response body that arrives at most <paramref name="chunk"/> bytes per read, as a slow network delivers it.</summary>
    private sealed class TrickleStream(string text, int chunk) : MemoryStream(Encoding.UTF8.GetBytes(text))
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
