using MassTransit;
using MassTransit.SagaStateMachine;

namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>One rule of a machine: in <paramref name="From"/>, <paramref name="Event"/> moves it to <paramref name="To"/> (null: it stays).</summary>
internal sealed record TransitionRule(string From, string Event, string? To);

/// <summary>A state machine as its own definition declares it: states, events, and which event moves which state where.</summary>
internal sealed record MachineShape(IReadOnlyList<string> States, IReadOnlyList<string> Events, IReadOnlyList<TransitionRule> Transitions)
{
    public static MachineShape Of<TSaga>(SagaStateMachine<TSaga> machine)
        where TSaga : class, SagaStateMachineInstance
    {
        var visitor = new TransitionVisitor<TSaga>();
        machine.Accept(visitor);
        return new MachineShape([.. machine.States.Select(s => s.Name)], [.. machine.Events.Select(e => e.Name)], visitor.Rules());
    }

    /// <summary>
    /// Walks the machine as MassTransit's graph visitor does, but keeps each (state, event, target) together: the
    /// graph shares one vertex per event, which loses which state an event moves where.
    /// </summary>
    private sealed class TransitionVisitor<TSaga> : StateMachineVisitor
        where TSaga : class, SagaStateMachineInstance
    {
        // MassTransit visits an event, then (outside that visit) the activities of its behavior in the current state.
        private readonly List<(string State, string Event)> _handled = [];
        private readonly List<TransitionRule> _moves = [];
        private State? _state;
        private Event? _event;

        /// <summary>The moves, then each handled event that moves nothing as a rule without a target: the saga takes it and stays.</summary>
        public List<TransitionRule> Rules() =>
        [
            .. _moves.Distinct(),
            .. _handled.Distinct().Where(h => !_moves.Any(m => m.From == h.State && m.Event == h.Event)).Select(h => new TransitionRule(h.State, h.Event, null)),
        ];

        public void Visit(State state, Action<State> next)
        {
            _state = state;
            _event = null;
            next(state);
        }

        public void Visit(Event @event, Action<Event> next)
        {
            Handled(@event);
            next(@event);
        }

        public void Visit<TData>(Event<TData> @event, Action<Event<TData>> next)
            where TData : class
        {
            Handled(@event);
            next(@event);
        }

        public void Visit(IStateMachineActivity activity) => Visit(activity, _ => { });

        public void Visit(IStateMachineActivity activity, Action<IStateMachineActivity> next)
        {
            if (activity is TransitionActivity<TSaga> transition && _state is not null && _event is not null)
            {
                _moves.Add(new TransitionRule(_state.Name, _event.Name, transition.ToState.Name));
            }

            next(activity);
        }

        public void Visit<T>(IBehavior<T> behavior)
            where T : class, SagaStateMachineInstance
        {
        }

        public void Visit<T>(IBehavior<T> behavior, Action<IBehavior<T>> next)
            where T : class, SagaStateMachineInstance =>
            next(behavior);

        public void Visit<T, TData>(IBehavior<T, TData> behavior)
            where T : class, SagaStateMachineInstance
            where TData : class
        {
        }

        public void Visit<T, TData>(IBehavior<T, TData> behavior, Action<IBehavior<T, TData>> next)
            where T : class, SagaStateMachineInstance
            where TData : class =>
            next(behavior);

        private void Handled(Event @event)
        {
            _event = @event;
            if (_state is not null)
            {
                _handled.Add((_state.Name, @event.Name));
            }
        }
    }
}
