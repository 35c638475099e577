using System.Threading.Channels;

namespace GitOps.Sandbox.Store;

/// <summary>One open watch: receives matching events until disposed.</summary>
internal sealed class WatchSubscription(ObjectStore store, string groupResource, Func<StoredObject, bool> filter, Channel<WatchEvent> channel) : IDisposable
{
    public ChannelReader<WatchEvent> Events => channel.Reader;

    internal void Offer(WatchEvent watchEvent)
    {
        if (watchEvent.GroupResource == groupResource && filter(watchEvent.Object))
        {
            channel.Writer.TryWrite(watchEvent);
        }
    }

    public void Dispose()
    {
        store.Unsubscribe(this);
        channel.Writer.TryComplete();
    }
}
