from django import forms

from careerplanner.reviews.models import MESSAGE_MAX, ReviewRequest


class AskForReviewForm(forms.ModelForm):
    class Meta:
        model = ReviewRequest
        fields = ["message"]
        labels = {"message": "Anything the advisor should know? (optional)"}
        widgets = {"message": forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_MAX})}
        error_messages = {
            "message": {
                "max_length": "Keep the message under %(limit_value)d characters "
                "(it has %(show_value)d)."
            }
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean(self):
        if self.plan.review_requests.open().exists():
            raise forms.ValidationError(
                "You already asked for a review of this plan; "
                "an advisor will answer that one first."
            )
        return super().clean()
