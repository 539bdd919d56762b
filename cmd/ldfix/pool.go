package main

import (
	"fmt"
	"runtime/debug"
	"sync"
)

// pool runs tasks on a fixed number of workers and hands their results to
// emit one at a time, in the order the tasks were submitted. At most window
// tasks are in flight (submitted and not yet emitted): Submit waits for a
// slot. A task that holds a file body therefore holds it only inside that
// window, so a walk of 50,000 pages or a crawl of a whole site never keeps
// more than a few bodies in memory, however slow one of them is.
type pool[T any] struct {
	emit    func(T)
	slots   chan struct{}
	work    chan task[T]
	results chan result[T]
	workers sync.WaitGroup
	done    chan struct{}
	mu      sync.Mutex
	next    int
	// panicked is the first panic of a task, raised again by Wait in the
	// caller's goroutine, where run turns it into an internal error
	// instead of a crash.
	panicOnce sync.Once
	panicked  any
}

type task[T any] struct {
	seq int
	run func() T
}

type result[T any] struct {
	seq int
	v   T
}

// newPool starts jobs workers. window is raised to jobs when smaller, so
// every worker can be busy.
func newPool[T any](jobs, window int, emit func(T)) *pool[T] {
	jobs = max(1, jobs)
	window = max(jobs, window)
	p := &pool[T]{
		emit:    emit,
		slots:   make(chan struct{}, window),
		work:    make(chan task[T]),
		results: make(chan result[T]),
		done:    make(chan struct{}),
	}
	for range jobs {
		p.workers.Go(func() {
			for t := range p.work {
				p.results <- p.do(t)
			}
		})
	}
	go p.collect()
	return p
}

// do runs one task; a panic gives the zero result and is kept for Wait.
func (p *pool[T]) do(t task[T]) (r result[T]) {
	r.seq = t.seq
	defer func() {
		if v := recover(); v != nil {
			p.panicOnce.Do(func() { p.panicked = fmt.Sprintf("%v\n%s", v, debug.Stack()) })
		}
	}()
	r.v = t.run()
	return r
}

// collect emits results in submission order and frees their slots.
func (p *pool[T]) collect() {
	defer close(p.done)
	pending := map[int]T{}
	next := 0
	for r := range p.results {
		pending[r.seq] = r.v
		for {
			v, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			p.emit(v)
			<-p.slots
		}
	}
}

// Submit queues run, waiting while the window is full. It may be called
// from several goroutines; the submission order is the order calls return.
func (p *pool[T]) Submit(run func() T) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.slots <- struct{}{}
	p.work <- task[T]{p.next, run}
	p.next++
}

// Wait waits for every submitted task to be emitted, then panics if a
// task did. The pool cannot be used afterwards.
func (p *pool[T]) Wait() {
	close(p.work)
	p.workers.Wait()
	close(p.results)
	<-p.done
	if p.panicked != nil {
		panic(p.panicked)
	}
}

// window is how many inputs may be in flight for s.jobs workers: enough
// that a slow file does not idle the others, small enough to bound memory.
func (s *settings) window() int { return 4 * max(1, s.jobs) }
