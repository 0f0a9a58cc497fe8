"""The Einladung step: draw wizard and the invitation view (invitees, replies, final panel)."""
