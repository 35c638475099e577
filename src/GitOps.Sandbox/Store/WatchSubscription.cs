using System.Threading.Channels;

namespace GitOps.Sandbox.Store;

/// <summary>One open watch: receives matching events until disposed.</summary>
internal sealed class WatchSubscription(ObjectStore store, string groupResource, Func<StoredObject, bool> filter, Channel<WatchEvent> channel) : IDisposable
{
    public ChannelReader<WatchEvent> Events => channel.Reader;

    /// <summary>
    /// Delivers an event if it concerns this watch. As in kube-apiserver, a modification that moves an object into
    /// the watch's selectors arrives as ADDED and one that moves it out arrives as DELETED.
    /// </summary>
    internal void Offer(WatchEvent watchEvent)
    {
        if (watchEvent.GroupResource != groupResource)
        {
            return;
        }

        var matchesNow = filter(watchEvent.Object);
        if (watchEvent.Type != "MODIFIED" || watchEvent.Previous is null)
        {
            if (matchesNow)
            {
                channel.Writer.TryWrite(watchEvent);
            }

            return;
        }

        var matchedBefore = filter(watchEvent.Previous);
        if (matchesNow)
        {
            channel.Writer.TryWrite(matchedBefore ? watchEvent : watchEvent with { Type = "ADDED" });
        }
        else if (matchedBefore)
        {
            channel.Writer.TryWrite(watchEvent with { Type = "DELETED" });
        }
    }

    public void Dispose()
    {
        store.Unsubscribe(this);
        channel.Writer.TryComplete();
    }
}
