import { useCarhub } from '@carhub/sdk/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { toast } from 'sonner';
import { fieldErrors } from '../../lib/api-error';
import { serverSettings } from '../../lib/server-settings';
import { AuthCard } from './auth-card';
import { RegisterForm } from './register-form';

export function RegisterPage() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const register = useMutation(carhub.auth.register.mutationOptions());
  return (
    <AuthCard
      title="Create your account"
      subtitle={
        <>
          Already have one?{' '}
          <Link to="/login" className="font-semibold text-accent-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <RegisterForm
        requireTerms={serverSettings.requireTerms}
        pending={register.isPending}
        onSubmit={async (values) => {
          try {
            const result = await register.mutateAsync(values);
            queryClient.setQueryData(carhub.auth.me.queryKey(), result.user);
            toast.success('Your account is ready.');
            await navigate({ to: '/' });
            return null;
          } catch (error) {
            if (Object.keys(fieldErrors(error)).length === 0) toast.error((error as Error).message);
            return error;
          }
        }}
      />
    </AuthCard>
  );
}
