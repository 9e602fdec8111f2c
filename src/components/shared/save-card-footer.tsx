import { Button } from "@/components/ui/button";
import { CardFooter } from "@/components/ui/card";

/** The footer of a settings card's form: its one submit button, busy while the change is saved. */
export function SaveCardFooter({ saving }: { saving: boolean }) {
  return (
    <CardFooter className="border-t pt-6">
      <Button type="submit" disabled={saving}>
        {saving ? "Saving…" : "Save"}
      </Button>
    </CardFooter>
  );
}
