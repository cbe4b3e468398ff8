"""The witness: a second record of every role-play move, kept where the trainee cannot edit it.

A transcript lives on the trainee's disk. Its event chain (:mod:`paratrain.scenarios.transcript`)
shows an edit made by hand, but a trainee who reads paratrain's source can rebuild a whole
chain for a better path. So, when the course runs a witness, the player also sends each move's
chain link to the witness service the moment it is saved, and the witness appends it to the
course's ``witness.sqlite`` (append-only; a link already recorded cannot change). Grading
compares the transcript with that record (:func:`paratrain.witness.log.verify`):

* the transcript's events are the witnessed ones → graded as played;
* the witness saw this trainee play this role-play, but not these events (edited, rebuilt,
  cut short) → tampered: 0 points and a flag;
* the witness never saw this trainee play it → unwitnessed: a flag, and 0 points when the
  course requires the witness.

Who sent a move is decided by the witness, not by the sender: as a JupyterHub service it
checks the caller's JupyterHub API token; run locally (one machine, ``--trust-header``) it
believes a header, which is only as good as the machine's user accounts. See
``docs/integrity.md`` for what this protects and what it does not.
"""
